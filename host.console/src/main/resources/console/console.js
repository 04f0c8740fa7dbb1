// A VM's screen: noVNC over the service's WebSocket /console/vnc/NAME, opened by a one-time ticket.
import RFB from './vendor/novnc/core/rfb.js';

const params = new URLSearchParams(window.location.search);
const vm = params.get('vm') || '';
const ticket = params.get('ticket') || '';
// the ticket is spent on connecting: keep it out of the history and of a reload
window.history.replaceState(null, '', window.location.pathname + '?vm=' + encodeURIComponent(vm));

const status = document.getElementById('status');
const ctrlAltDel = document.getElementById('ctrl-alt-del');
const scale = document.getElementById('scale');
document.getElementById('title').textContent = vm ? 'Screen of ' + vm : 'Screen';
document.title = (vm || 'Screen') + ' - Phyllome Host';

function say(text) {
  status.textContent = text;
  document.body.dataset.state = text;
}

if (!vm || !ticket) {
  say('No VM or no ticket in the address: open the link that phyllome vm:console NAME prints.');
} else {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = scheme + '//' + window.location.host + '/console/vnc/' + encodeURIComponent(vm)
      + '?ticket=' + encodeURIComponent(ticket);
  const rfb = new RFB(document.getElementById('screen'), url, { wsProtocols: ['binary'] });
  rfb.scaleViewport = scale.checked;
  rfb.focusOnClick = true;
  rfb.addEventListener('connect', () => {
    say('Connected');
    document.body.dataset.connected = 'true';
    ctrlAltDel.disabled = false;
    rfb.focus();
  });
  rfb.addEventListener('disconnect', (e) => {
    ctrlAltDel.disabled = true;
    say(e.detail.clean ? 'Disconnected' : 'The connection was refused or lost: open a new link (phyllome vm:console ' + vm + ')');
  });
  rfb.addEventListener('securityfailure', (e) => say('The VNC server refused: ' + e.detail.reason));
  ctrlAltDel.addEventListener('click', () => { rfb.sendCtrlAltDel(); rfb.focus(); });
  scale.addEventListener('change', () => { rfb.scaleViewport = scale.checked; });
  window.phyllomeConsole = rfb; // for a test or the browser's developer tools
}

document.getElementById('fullscreen').addEventListener('click', () => {
  if (document.fullscreenElement) {
    document.exitFullscreen();
  } else {
    document.documentElement.requestFullscreen();
  }
});
