//! What the benchmark tools share: starting the `floor` server under test as a child
//! process ([`server`]), in a network namespace of its own if asked ([`netns`], [`child`]),
//! reading its CPU time and memory from `/proc` ([`procfs`]), and the media results that
//! `floor-media-bench` writes and `floor-media-plot` draws ([`results`]).

pub mod child;
pub mod netns;
pub mod procfs;
pub mod results;
pub mod server;
