//! The Floor browser client: Leptos (client-side rendering) compiled to WebAssembly.
//!
//! - [`i18n`]: every string of the interface, by language.
//! - [`state`]: the application's signals and pure helpers over the meeting's state.
//! - [`net`]: HTTP calls and local storage.
//! - [`conn`]: the WebSocket: authenticate, subscribe, fold events, commands, reconnect.
//! - [`rejections`]: why the server refused a command, in the user's language.
//! - [`media`]: WebRTC with the server's SFU: publish, play the five slots, pick a channel.
//! - [`ui`]: the views.
//!
//! The meeting's state is a `floor_protocol::MeetingState` kept by folding events with
//! `MeetingState::apply`, exactly as the server does.

pub mod conn;
pub mod i18n;
pub mod media;
pub mod net;
pub mod rejections;
pub mod state;
pub mod ui;

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    ui::mount();
}
