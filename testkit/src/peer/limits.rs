//! The bitrate limits (RTCP REMB) the server sends a publishing peer. The interceptor
//! chain keeps inbound RTCP to itself unless told otherwise; [`DeliverLimits`] lets REMB
//! through to the peer's tracks, as a browser's congestion controller takes them in.

use super::MediaPeer;
use rtc::interceptor::TaggedPacket;
use rtc::rtcp::payload_feedbacks::receiver_estimated_maximum_bitrate::ReceiverEstimatedMaximumBitrate;
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};
use webrtc::media_stream::track_local::TrackLocal;

#[derive(Default)]
pub(super) struct DeliverLimits {
    inbound: VecDeque<TaggedPacket>,
    outbound: VecDeque<TaggedPacket>,
}

impl rtc::sansio::Protocol<TaggedPacket, TaggedPacket, ()> for DeliverLimits {
    type Rout = TaggedPacket;
    type Wout = TaggedPacket;
    type Eout = ();
    type Error = rtc::shared::error::Error;
    type Time = Instant;

    fn handle_read(&mut self, mut msg: Self::Rout) -> Result<(), Self::Error> {
        let limit = match &msg.message.packet {
            rtc::interceptor::Packet::Rtcp(packets) => packets
                .iter()
                .any(|p| p.as_any().is::<ReceiverEstimatedMaximumBitrate>()),
            _ => false,
        };
        if limit {
            msg.message
                .add(rtc::interceptor::Attribute::DeliverToApplication);
        }
        self.inbound.push_back(msg);
        Ok(())
    }

    fn poll_read(&mut self) -> Option<Self::Rout> {
        self.inbound.pop_front()
    }

    fn handle_write(&mut self, msg: Self::Wout) -> Result<(), Self::Error> {
        self.outbound.push_back(msg);
        Ok(())
    }

    fn poll_write(&mut self) -> Option<Self::Wout> {
        self.outbound.pop_front()
    }
}

impl rtc::interceptor::Interceptor for DeliverLimits {
    fn bind_local_stream(&mut self, _: &rtc::interceptor::StreamInfo) {}
    fn unbind_local_stream(&mut self, _: &rtc::interceptor::StreamInfo) {}
    fn bind_remote_stream(&mut self, _: &rtc::interceptor::StreamInfo) {}
    fn unbind_remote_stream(&mut self, _: &rtc::interceptor::StreamInfo) {}
}

impl MediaPeer {
    /// The bitrates the server tells this peer to keep under (RTCP REMB received on its
    /// microphone or camera), in bit/s, from now on. Call it once joined: a track hears
    /// RTCP only when the connection has bound it. Needs [`super::PeerOptions::bitrate_limits`].
    pub fn limits_told(&self) -> UnboundedReceiver<f32> {
        use webrtc::media_stream::track_local::TrackLocalEvent;
        let (tx, rx) = unbounded_channel();
        for (track, _) in self.mic.iter().chain(self.camera.iter()) {
            let (track, tx) = (Arc::clone(track), tx.clone());
            tokio::spawn(async move {
                while let Some(TrackLocalEvent::OnRtcpPacket(packets)) = track.poll().await {
                    for p in &packets {
                        if let Some(remb) =
                            p.as_any().downcast_ref::<ReceiverEstimatedMaximumBitrate>()
                        {
                            if tx.send(remb.bitrate).is_err() {
                                return;
                            }
                        }
                    }
                }
            });
        }
        rx
    }
}
