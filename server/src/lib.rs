//! The Floor server: an actix-web application that keeps each meeting as an append-only
//! event log (sea-orm, SQLite or PostgreSQL), decides commands with the pure rules of
//! `floor-meeting`, and pushes every event to every participant over WebSockets, across
//! nodes through Redis when there is more than one.
//!
//! # Layout
//! - [`startup`]: builds the application from [`config::Settings`] and runs it.
//! - [`api`], [`documents_api`]: HTTP handlers; [`error`] their one error type; [`openapi`] the API document;
//!   [`plain_text`] the refusal of control characters in client text.
//! - [`ws`]: the WebSocket connection loop.
//! - [`media`]: the SFU, and its recorder of the sound record; [`recordings`] keeps and
//!   serves the recorded tracks.
//! - [`hub`]: live meetings: state, command execution, subscriptions.
//! - [`bus`]: the event bus between nodes (in-process or Redis).
//! - [`ballot_box`]: secret ballots, counted apart from who cast them.
//! - [`un_order`]: the UN's order of Member States (roll calls).
//! - [`db`]: connecting and migrating, the event log, the directory.
//! - [`auth`]: passwords, invitation codes, tokens.
//! - [`limits`]: rate limits and the bounded pool of password checks.
//! - [`demo`]: the demo session seeded on first start.
//! - [`client_files`]: the browser client's static files at `/`.
//! - [`security_headers`]: CSP, framing, nosniff and referrer headers on every response.
//! - [`metrics`]: the operators' figures, in Prometheus' format at `/metrics`.

pub mod api;
pub mod auth;
pub mod ballot_box;
pub mod bus;
pub mod client_files;
pub mod config;
pub mod db;
pub mod demo;
pub mod documents_api;
pub mod error;
pub mod hub;
pub mod limits;
pub mod live;
pub mod media;
pub mod metrics;
pub mod openapi;
pub mod plain_text;
pub mod recordings;
pub mod registers;
pub mod security_headers;
pub mod startup;
pub mod storage;
pub mod un_order;
pub mod ws;
