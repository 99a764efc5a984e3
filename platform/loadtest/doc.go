// Package loadtest is the platform's simulated devices, for make load
// (cmd/platformload) and the two-node test (cmd/platform): each device
// runs the app's own platform.Client with its own account, cursors,
// outbox and device key, from a loopback address of its own, through a
// Recorder of each route's latencies, to server nodes in turn (Nodes);
// StartNode starts a cmd/platform process and reads the codes it logs.
package loadtest
