//! What the benchmark tools share beyond the test kit (`floor-testkit`): the `floor` server
//! under test with a benchmark's limits ([`server`]), in a network namespace of its own if
//! asked ([`netns`], [`child`]), reading its CPU time and memory from `/proc`
//! ([`procfs`]), and the media results that `floor-media-bench` writes and
//! `floor-media-plot` draws ([`results`]).

pub mod child;
pub mod netns;
pub mod procfs;
pub mod results;
pub mod server;
