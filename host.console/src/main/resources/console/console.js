// A VM's screen: noVNC over the service's WebSocket /console/vnc/NAME, opened by a one-time ticket.
import RFB from './vendor/novnc/core/rfb.js';
import { ticketFor, socketUrl } from './ticket.js';

const vm = new URLSearchParams(window.location.search).get('vm') || '';
const status = document.getElementById('status');
const ctrlAltDel = document.getElementById('ctrl-alt-del');
const scale = document.getElementById('scale');
document.getElementById('title').textContent = vm ? 'Screen of ' + vm : 'Screen';
document.title = (vm || 'Screen') + ' - Phyllome Host';

function say(text) {
  status.textContent = text;
  document.body.dataset.state = text;
}

function connect(ticket) {
  const rfb = new RFB(document.getElementById('screen'), socketUrl('vnc', vm, ticket), { wsProtocols: ['binary'] });
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
    say(e.detail.clean ? 'Disconnected' : 'The connection was refused or lost: reload the page to connect again');
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

if (!vm) {
  say('No VM in the address: open a VM\'s screen from the list of VMs (index.html).');
} else {
  ticketFor(vm).then(connect, (e) => say('No ticket for the screen of ' + vm + ': ' + e.message));
}
