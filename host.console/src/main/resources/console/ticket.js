// The one-time ticket that opens a VM's console WebSocket: from the link vm:console printed, or
// else asked of the API for this session (POST /api/v1/vms/NAME/console-ticket).
import { api } from './api.js';

/** The ticket, and the address bar without it (it is spent on connecting: not for the history or a reload). */
export async function ticketFor(vm) {
  const given = new URLSearchParams(window.location.search).get('ticket');
  window.history.replaceState(null, '', window.location.pathname + '?vm=' + encodeURIComponent(vm));
  if (given) {
    return given;
  }
  const issued = await api('POST', '/vms/' + encodeURIComponent(vm) + '/console-ticket');
  return issued.ticket;
}

/** The WebSocket address of {@code kind} (vnc or serial) for {@code vm}, with the ticket. */
export function socketUrl(kind, vm, ticket) {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return scheme + '//' + window.location.host + '/console/' + kind + '/' + encodeURIComponent(vm) + '?ticket=' + encodeURIComponent(ticket);
}
