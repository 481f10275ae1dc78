//! What both benchmark tools share: starting the `floor` server under test as a child
//! process ([`server`]) and reading its CPU time and memory from `/proc` ([`procfs`]).

pub mod procfs;
pub mod server;
