//! Integration tests: the real `floor` binary on a free port, against SQLite files and a
//! real PostgreSQL, with real HTTP and WebSocket clients; Redis for the two-node tests.
//! One test binary (this file and its modules) so that linking happens once. What they
//! share (nodes, clients, fixtures, WebRTC peers) is the test kit, crate `floor-testkit`.

mod agenda;
mod api;
mod authorization;
mod bad_input;
mod cluster;
mod control_characters;
mod csv_exports;
mod document_views;
mod documents;
mod edge;
mod fuzz;
mod hubs_in_memory;
mod media;
mod metrics;
mod proposals;
mod proxy;
mod recording;
mod resilience;
mod restart;
mod turn_relay;
mod voting;
mod websocket;
mod ws_lifecycle;
