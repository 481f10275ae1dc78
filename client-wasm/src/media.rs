//! Sound and video through the server's SFU (docs/protocol.md 13). One peer connection per
//! page: first the `sendonly` microphone and camera (when the role publishes), then the
//! five receiving slots in the server's order: `speaker`, `chair`, `room`,
//! `interpretation` (audio) and `video`. The server decides who is heard; the client
//! plays the slots, picks a channel with `media_listen`, lowers the floor under an
//! interpretation ("original at low volume"), and gives its own tracks to the connection
//! only while they would be heard (a delegate holding the floor, a live booth
//! microphone). Off means nothing leaves the device: the senders hold no track, so no
//! packet is sent at all (a merely disabled track would still send silence and black
//! frames, and the server would see them move).

use crate::i18n::T;
use crate::state::{app, MediaStatus};
use floor_protocol::frames::ClientFrame;
use floor_protocol::media::Slot;
use floor_protocol::*;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The listener's slots' track ids, in the server's order (the protocol's media contract).
pub const SLOTS: [&str; 5] = [
    Slot::ALL[0].track_id(),
    Slot::ALL[1].track_id(),
    Slot::ALL[2].track_id(),
    Slot::ALL[3].track_id(),
    Slot::ALL[4].track_id(),
];

#[derive(Default)]
struct Media {
    meeting: Option<MeetingId>,
    publish_audio: bool,
    publish_video: bool,
    pc: Option<web_sys::RtcPeerConnection>,
    local: Option<web_sys::MediaStream>,
    /// The receiving transceivers, in slot order.
    receivers: Vec<web_sys::RtcRtpTransceiver>,
    /// This page's senders, each with the local track it carries while live and whether
    /// it was last asked to carry it (asked at once; `replaceTrack` settles later, so the
    /// sender's own `track` can lag behind a quick on-off).
    senders: Vec<(web_sys::RtcRtpSender, web_sys::MediaStreamTrack, bool)>,
    /// The elements playing the slots, in slot order (created once).
    elements: Vec<web_sys::HtmlMediaElement>,
    /// Whether this page's own tracks should be on.
    live_audio: bool,
    live_video: bool,
    generation: u64,
}

thread_local! {
    static MEDIA: RefCell<Media> = RefCell::new(Media::default());
}

fn document() -> web_sys::Document {
    web_sys::window()
        .expect("window")
        .document()
        .expect("document")
}

/// The elements that play the five slots: four `<audio>` kept in a hidden box of the
/// page, and the `<video>`, which views place where they show the speaker.
fn elements() -> Vec<web_sys::HtmlMediaElement> {
    MEDIA.with(|m| {
        let mut m = m.borrow_mut();
        if m.elements.is_empty() {
            let doc = document();
            let holder = doc.create_element("div").expect("div");
            holder.set_id("media-slots");
            holder.set_attribute("hidden", "").ok();
            for slot in SLOTS {
                let tag = if slot == "video" { "video" } else { "audio" };
                let el: web_sys::HtmlMediaElement =
                    doc.create_element(tag).expect("element").unchecked_into();
                el.set_id(&format!("slot-{slot}"));
                el.set_autoplay(true);
                if slot == "video" {
                    // The video's sound comes through the audio slots.
                    el.set_muted(true);
                    el.set_attribute("playsinline", "").ok();
                    el.set_class_name("speaker-video");
                } else {
                    holder.append_child(&el).ok();
                }
                m.elements.push(el);
            }
            if let Some(body) = doc.body() {
                body.append_child(&holder).ok();
            }
        }
        m.elements.clone()
    })
}

/// Put the speaker's video into `container` (a view showing it calls this when mounted).
pub fn attach_video(container: &web_sys::Element) {
    let video = elements()[4].clone();
    container.append_child(&video).ok();
    let _ = video.play();
}

/// Join the meeting's media. Delegates and the room publish a microphone and a camera,
/// the chair and interpreters a microphone; everyone receives the five slots.
pub fn join(meeting: MeetingId, role: Role) {
    let (audio, video) = match role {
        Role::Delegate | Role::Room => (true, true),
        Role::Chair | Role::Interpreter => (true, false),
        Role::Secretariat | Role::Viewer => (false, false),
    };
    MEDIA.with(|m| {
        let mut m = m.borrow_mut();
        m.meeting = Some(meeting);
        m.publish_audio = audio;
        m.publish_video = video;
    });
    elements();
    if app().conn.get_untracked() == crate::state::ConnStatus::Connected {
        connection_ready();
    }
}

pub fn leave() {
    let meeting = MEDIA.with(|m| {
        let mut m = m.borrow_mut();
        m.generation += 1;
        if let Some(pc) = m.pc.take() {
            pc.close();
        }
        if let Some(local) = m.local.take() {
            for t in local.get_tracks().iter() {
                t.unchecked_into::<web_sys::MediaStreamTrack>().stop();
            }
        }
        m.meeting.take()
    });
    if let Some(meeting) = meeting {
        crate::conn::send(&ClientFrame::MediaLeave {
            meeting_id: meeting,
        });
    }
    app().media.set(MediaStatus::Off);
}

/// The WebSocket is (again) authenticated: make a fresh offer. The server closed the old
/// media connection with the old socket (13.2).
pub fn connection_ready() {
    let Some(meeting) = MEDIA.with(|m| m.borrow().meeting) else {
        return;
    };
    let generation = MEDIA.with(|m| {
        let mut m = m.borrow_mut();
        m.generation += 1;
        if let Some(pc) = m.pc.take() {
            pc.close();
        }
        m.receivers.clear();
        m.senders.clear();
        m.generation
    });
    app().media.set(MediaStatus::Joining);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = offer(meeting, generation).await {
            let text = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_else(|| format!("{e:?}"));
            refused(text);
        }
    });
}

pub fn connection_lost() {
    if MEDIA.with(|m| m.borrow().meeting.is_some()) {
        app().media.set(MediaStatus::Joining);
    }
}

pub fn refused(message: String) {
    let app = app();
    let lang = app.lang.get_untracked();
    app.media
        .set(MediaStatus::Failed(lang.fill(T::MediaFailed, &[&message])));
}

async fn local_stream(audio: bool, video: bool) -> Option<web_sys::MediaStream> {
    if let Some(s) = MEDIA.with(|m| m.borrow().local.clone()) {
        return Some(s);
    }
    if !audio && !video {
        return None;
    }
    let devices = web_sys::window()?.navigator().media_devices().ok()?;
    let constraints = web_sys::MediaStreamConstraints::new();
    constraints.set_audio(&JsValue::from_bool(audio));
    constraints.set_video(&JsValue::from_bool(video));
    let promise = devices.get_user_media_with_constraints(&constraints).ok()?;
    match JsFuture::from(promise).await {
        Ok(s) => {
            let s: web_sys::MediaStream = s.unchecked_into();
            MEDIA.with(|m| m.borrow_mut().local = Some(s.clone()));
            Some(s)
        }
        Err(_) => {
            let app = app();
            app.notify(
                crate::state::NoticeKind::Info,
                app.lang.get_untracked().t(T::NoDevices).into(),
            );
            None
        }
    }
}

/// The connection's ICE servers: the TURN relays the server hands out (with a credential
/// of limited life) for networks that block the media port; none when it has none, or
/// cannot be asked, and then the connection goes to the media port directly.
async fn configuration() -> web_sys::RtcConfiguration {
    let config = web_sys::RtcConfiguration::new();
    let token = app()
        .auth
        .with_untracked(|a| a.as_ref().map(|a| a.token.clone()));
    let Some(token) = token else {
        return config;
    };
    let Ok(given) =
        crate::net::get::<floor_protocol::api::IceServers>("/api/media/ice-servers", &token).await
    else {
        return config;
    };
    let servers = js_sys::Array::new();
    for s in given.ice_servers {
        let entry = js_sys::Object::new();
        let urls: js_sys::Array = s.urls.iter().map(|u| JsValue::from_str(u)).collect();
        let _ = js_sys::Reflect::set(&entry, &"urls".into(), &urls);
        if let Some(u) = &s.username {
            let _ = js_sys::Reflect::set(&entry, &"username".into(), &u.into());
        }
        if let Some(c) = &s.credential {
            let _ = js_sys::Reflect::set(&entry, &"credential".into(), &c.into());
        }
        servers.push(&entry);
    }
    config.set_ice_servers(&servers);
    config
}

async fn offer(meeting: MeetingId, generation: u64) -> Result<(), JsValue> {
    let (audio, video) = MEDIA.with(|m| {
        let m = m.borrow();
        (m.publish_audio, m.publish_video)
    });
    let local = local_stream(audio, video).await;
    let pc = web_sys::RtcPeerConnection::new_with_configuration(&configuration().await)?;
    // The tests (and anyone debugging) read the page's own statistics from here.
    js_sys::Reflect::set(
        &web_sys::window().expect("window"),
        &"floorPeer".into(),
        &pc,
    )?;

    // First what this page publishes, send-only: its microphone, then its camera. Each
    // sender is emptied at once (`apply_live` below, before any packet could flow) and
    // given its track only while live.
    let mut senders = Vec::new();
    if let Some(local) = &local {
        for kind in ["audio", "video"] {
            let track = local
                .get_tracks()
                .iter()
                .map(|t| t.unchecked_into::<web_sys::MediaStreamTrack>())
                .find(|t| t.kind() == kind);
            if let Some(track) = track {
                let init = web_sys::RtcRtpTransceiverInit::new();
                init.set_direction(web_sys::RtcRtpTransceiverDirection::Sendonly);
                init.set_streams(&js_sys::Array::of1(local));
                let transceiver =
                    pc.add_transceiver_with_media_stream_track_and_init(&track, &init);
                senders.push((transceiver.sender(), track, true));
            }
        }
    }
    // Then the five slots, receive-only, in the server's order.
    let mut receivers = Vec::new();
    for slot in SLOTS {
        let init = web_sys::RtcRtpTransceiverInit::new();
        init.set_direction(web_sys::RtcRtpTransceiverDirection::Recvonly);
        let kind = if slot == "video" { "video" } else { "audio" };
        receivers.push(pc.add_transceiver_with_str_and_init(kind, &init));
    }
    let ontrack = Closure::<dyn FnMut(web_sys::RtcTrackEvent)>::new(|e: web_sys::RtcTrackEvent| {
        on_track(e);
    });
    pc.set_ontrack(Some(ontrack.as_ref().unchecked_ref()));
    ontrack.forget();
    let onstate = {
        let pc = pc.clone();
        Closure::<dyn FnMut()>::new(move || {
            let current = MEDIA.with(|m| m.borrow().generation) == generation;
            if !current {
                return;
            }
            match pc.connection_state() {
                web_sys::RtcPeerConnectionState::Connected => {
                    app().media.set(MediaStatus::Connected)
                }
                web_sys::RtcPeerConnectionState::Failed => refused("ICE/DTLS failed".into()),
                _ => {}
            }
        })
    };
    pc.set_onconnectionstatechange(Some(onstate.as_ref().unchecked_ref()));
    onstate.forget();

    let offer = JsFuture::from(pc.create_offer()).await?;
    let sdp = js_sys::Reflect::get(&offer, &"sdp".into())?
        .as_string()
        .unwrap_or_default();
    let desc = web_sys::RtcSessionDescriptionInit::new(web_sys::RtcSdpType::Offer);
    desc.set_sdp(&sdp);
    JsFuture::from(pc.set_local_description(&desc)).await?;
    let stale = MEDIA.with(|m| {
        let mut m = m.borrow_mut();
        if m.generation != generation {
            return true;
        }
        m.pc = Some(pc.clone());
        m.receivers = receivers;
        m.senders = senders;
        false
    });
    if stale {
        pc.close();
        return Ok(());
    }
    apply_live();
    crate::conn::send(&ClientFrame::MediaOffer {
        meeting_id: meeting,
        sdp,
    });
    Ok(())
}

/// The server's answer to our offer.
pub fn answer(meeting: MeetingId, sdp: String) {
    let Some(pc) = MEDIA.with(|m| {
        let m = m.borrow();
        m.pc.clone().filter(|_| m.meeting == Some(meeting))
    }) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let desc = web_sys::RtcSessionDescriptionInit::new(web_sys::RtcSdpType::Answer);
        desc.set_sdp(&sdp);
        match JsFuture::from(pc.set_remote_description(&desc)).await {
            Ok(_) => {
                // Pick the channel again: a new media connection listens to none.
                let channel = app().channel.get_untracked();
                listen(channel);
            }
            Err(e) => refused(format!("{e:?}")),
        }
    });
}

fn on_track(e: web_sys::RtcTrackEvent) {
    let track = e.track();
    let transceiver = e.transceiver();
    let index = MEDIA
        .with(|m| {
            let m = m.borrow();
            m.receivers
                .iter()
                .position(|r| r.mid().is_some() && r.mid() == transceiver.mid())
        })
        .or_else(|| SLOTS.iter().position(|s| *s == track.id()));
    let Some(index) = index else {
        return;
    };
    let el = elements()[index].clone();
    let stream = web_sys::MediaStream::new_with_tracks(&js_sys::Array::of1(&track));
    if let Ok(stream) = stream {
        el.set_src_object(Some(&stream));
        let _ = el.play();
    }
    apply_volumes();
}

/// Pick the interpretation channel (`None`: the floor only).
pub fn listen(channel: Option<String>) {
    if let Some(meeting) = MEDIA.with(|m| m.borrow().meeting) {
        if MEDIA.with(|m| m.borrow().pc.is_some()) {
            crate::conn::send(&ClientFrame::MediaListen {
                meeting_id: meeting,
                channel,
            });
        }
    }
    apply_volumes();
}

/// Floor slots at full volume on the floor channel; under an interpretation, quiet
/// ("original at low volume") or silent.
pub fn apply_volumes() {
    let app = app();
    let on_channel = app.channel.get_untracked().is_some();
    let low = app.low_original.get_untracked();
    let floor_volume = match (on_channel, low) {
        (false, _) => 1.0,
        (true, true) => 0.15,
        (true, false) => 0.0,
    };
    let els = MEDIA.with(|m| m.borrow().elements.clone());
    for (i, el) in els.iter().enumerate().take(4) {
        el.set_volume(if i == 3 { 1.0 } else { floor_volume });
    }
}

/// Switch this page's own microphone and camera on or off.
pub fn set_live(audio: bool, video: bool) {
    MEDIA.with(|m| {
        let mut m = m.borrow_mut();
        m.live_audio = audio;
        m.live_video = video;
    });
    apply_live();
}

fn apply_live() {
    MEDIA.with(|m| {
        let m = &mut *m.borrow_mut();
        let (live_audio, live_video) = (m.live_audio, m.live_video);
        for (sender, track, carrying) in &mut m.senders {
            let on = if track.kind() == "audio" {
                live_audio
            } else {
                live_video
            };
            track.set_enabled(on);
            if on == *carrying {
                continue;
            }
            *carrying = on;
            // Replacing a track never renegotiates, and calls on one connection run in the
            // order they were made, so the last one asked for is the one that holds.
            let promise = sender.replace_track(if on { Some(&*track) } else { None });
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = JsFuture::from(promise).await {
                    refused(format!("replaceTrack: {e:?}"));
                }
            });
        }
    });
}

thread_local! {
    /// The page's one audio context for signals, made at the first gesture that asks for it.
    static SIGNAL_AUDIO: std::cell::RefCell<Option<web_sys::AudioContext>> =
        const { std::cell::RefCell::new(None) };
}

/// A short two-note tone (the chair's signal that someone asks for the floor now). Silent
/// where the browser allows no sound yet.
pub fn chime() {
    SIGNAL_AUDIO.with(|a| {
        let mut a = a.borrow_mut();
        if a.is_none() {
            *a = web_sys::AudioContext::new().ok();
        }
        let Some(ctx) = a.as_ref() else { return };
        let _ = ctx.resume();
        let start = ctx.current_time();
        for (i, freq) in [880.0_f32, 660.0].into_iter().enumerate() {
            let (Ok(osc), Ok(gain)) = (ctx.create_oscillator(), ctx.create_gain()) else {
                return;
            };
            let at = start + 0.18 * i as f64;
            osc.frequency().set_value(freq);
            gain.gain().set_value(0.0);
            let _ = gain.gain().linear_ramp_to_value_at_time(0.2, at + 0.02);
            let _ = gain.gain().linear_ramp_to_value_at_time(0.0, at + 0.16);
            let _ = osc.connect_with_audio_node(&gain);
            let _ = gain.connect_with_audio_node(&ctx.destination());
            let _ = osc.start_with_when(at);
            let _ = osc.stop_with_when(at + 0.17);
        }
    });
}

/// The page's own microphone and camera shown to their owner before speaking: copies of
/// the local tracks in a preview and a level meter. The copies are never given to the
/// connection, so checking sends nothing; the tracks the connection may carry keep their
/// own state.
struct SelfCheck {
    tracks: Vec<web_sys::MediaStreamTrack>,
    analyser: web_sys::AnalyserNode,
    context: web_sys::AudioContext,
}

thread_local! {
    static SELF_CHECK: RefCell<Option<SelfCheck>> = const { RefCell::new(None) };
}

/// Start the check: the preview into `video`. False when the page has no microphone
/// (it joined without one, or the browser refused it).
pub fn start_self_check(video: &web_sys::HtmlVideoElement) -> bool {
    stop_self_check();
    let Some(local) = MEDIA.with(|m| m.borrow().local.clone()) else {
        return false;
    };
    let copies: Vec<web_sys::MediaStreamTrack> = local
        .get_tracks()
        .iter()
        .map(|t| {
            let copy = t.unchecked_into::<web_sys::MediaStreamTrack>().clone();
            copy.set_enabled(true);
            copy
        })
        .collect();
    let tracks = js_sys::Array::new();
    for t in &copies {
        tracks.push(t);
    }
    let Ok(preview) = web_sys::MediaStream::new_with_tracks(&tracks) else {
        return false;
    };
    video.set_src_object(Some(&preview));
    video.set_muted(true);
    let _ = video.play();
    let Ok(context) = web_sys::AudioContext::new() else {
        return false;
    };
    let _ = context.resume();
    let (Ok(source), Ok(analyser)) = (
        context.create_media_stream_source(&preview),
        context.create_analyser(),
    ) else {
        return false;
    };
    // The meter is read every 100 ms; the analyser keeps the last 8,192 samples (170 ms
    // at 48 kHz), so every sound between two readings is seen, however short: with 1,024
    // (21 ms) a click or a short beep fell between readings and the meter stayed at
    // silence.
    analyser.set_fft_size(SELF_CHECK_SAMPLES);
    let _ = source.connect_with_audio_node(&analyser);
    SELF_CHECK.with(|c| {
        *c.borrow_mut() = Some(SelfCheck {
            tracks: copies,
            analyser,
            context,
        })
    });
    true
}

/// The samples the level is read from: more than the 100 ms between two readings.
const SELF_CHECK_SAMPLES: u32 = 8192;
/// The level is the loudest of these blocks (21 ms at 48 kHz), so a short sound is not
/// averaged away over the whole window.
const SELF_CHECK_BLOCK: usize = 1024;

/// The microphone's level now, in dBFS (−100 for silence), while the check runs: the
/// loudest 21 ms of the last 170 ms.
pub fn self_check_level() -> Option<f32> {
    SELF_CHECK.with(|c| {
        let c = c.borrow();
        let c = c.as_ref()?;
        let mut samples = vec![0f32; c.analyser.fft_size() as usize];
        c.analyser.get_float_time_domain_data(&mut samples);
        Some(loudest_block_dbfs(&samples, SELF_CHECK_BLOCK))
    })
}

/// The level of the loudest block of `block` samples, in dBFS (mean square), no lower
/// than −100.
fn loudest_block_dbfs(samples: &[f32], block: usize) -> f32 {
    let loudest = samples
        .chunks(block.max(1))
        .map(|b| b.iter().map(|s| s * s).sum::<f32>() / b.len() as f32)
        .fold(0f32, f32::max);
    (10.0 * loudest.max(1e-10).log10()).max(-100.0)
}

/// End the check: the copies stop (the camera light goes off if nothing else uses it).
pub fn stop_self_check() {
    if let Some(c) = SELF_CHECK.with(|c| c.borrow_mut().take()) {
        for t in c.tracks {
            t.stop();
        }
        let _ = c.context.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_sound_anywhere_in_the_window_sets_the_level() {
        let mut samples = vec![0f32; SELF_CHECK_SAMPLES as usize];
        assert_eq!(loudest_block_dbfs(&samples, SELF_CHECK_BLOCK), -100.0);
        // A 20 ms beep at half scale, early in the window: the reading sees it whole.
        for s in &mut samples[1024..1984] {
            *s = 0.5;
        }
        let level = loudest_block_dbfs(&samples, SELF_CHECK_BLOCK);
        assert!(level > -10.0, "{level} dBFS");
        // Averaged over the whole window the same beep would read some 9 dB lower.
        let whole = loudest_block_dbfs(&samples, samples.len());
        assert!(whole < level - 8.0, "{whole} against {level}");
    }
}
