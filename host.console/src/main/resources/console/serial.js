// A VM's serial console (read-only): xterm.js over the service's WebSocket /console/serial/NAME.
const params = new URLSearchParams(window.location.search);
const vm = params.get('vm') || '';
const ticket = params.get('ticket') || '';
window.history.replaceState(null, '', window.location.pathname + '?vm=' + encodeURIComponent(vm));

const status = document.getElementById('status');
document.getElementById('title').textContent = vm ? 'Serial console of ' + vm : 'Serial console';
document.title = (vm || 'Serial console') + ' - Phyllome Host';

const term = new window.Terminal({ convertEol: true, disableStdin: true, scrollback: 5000 });
term.open(document.getElementById('terminal'));
window.phyllomeSerial = term; // for a test or the browser's developer tools

if (!vm || !ticket) {
  status.textContent = 'No VM or no ticket in the address: open the link that phyllome vm:console --serial NAME prints.';
} else {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(scheme + '//' + window.location.host + '/console/serial/' + encodeURIComponent(vm)
      + '?ticket=' + encodeURIComponent(ticket));
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => { status.textContent = 'Connected'; document.body.dataset.connected = 'true'; };
  socket.onmessage = (e) => term.write(new Uint8Array(e.data));
  socket.onclose = () => { status.textContent = 'Disconnected: open a new link (phyllome vm:console --serial ' + vm + ')'; };
}

document.getElementById('fullscreen').addEventListener('click', () => {
  if (document.fullscreenElement) {
    document.exitFullscreen();
  } else {
    document.documentElement.requestFullscreen();
  }
});
