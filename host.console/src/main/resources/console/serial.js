// A VM's serial console (read-only): xterm.js over the service's WebSocket /console/serial/NAME.
import { ticketFor, socketUrl } from './ticket.js';

const vm = new URLSearchParams(window.location.search).get('vm') || '';
const status = document.getElementById('status');
document.getElementById('title').textContent = vm ? 'Serial console of ' + vm : 'Serial console';
document.title = (vm || 'Serial console') + ' - Phyllome Host';

const term = new window.Terminal({ convertEol: true, disableStdin: true, scrollback: 5000 });
term.open(document.getElementById('terminal'));
window.phyllomeSerial = term; // for a test or the browser's developer tools

function connect(ticket) {
  const socket = new WebSocket(socketUrl('serial', vm, ticket));
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => { status.textContent = 'Connected'; document.body.dataset.connected = 'true'; };
  socket.onmessage = (e) => term.write(new Uint8Array(e.data));
  socket.onclose = () => { status.textContent = 'Disconnected: reload the page to connect again'; };
}

if (!vm) {
  status.textContent = 'No VM in the address: open a VM\'s serial console from the list of VMs (index.html).';
} else {
  ticketFor(vm).then(connect, (e) => { status.textContent = 'No ticket for the serial console of ' + vm + ': ' + e.message; });
}

document.getElementById('fullscreen').addEventListener('click', () => {
  if (document.fullscreenElement) {
    document.exitFullscreen();
  } else {
    document.documentElement.requestFullscreen();
  }
});
