//! The sound record's second half (rule 33): each finished track the recorder spooled
//! ([`crate::media::recorder`]) is kept in the file store and listed in the
//! `sound_recordings` table; the meeting record lists them with each speech's offset; the
//! secretariat downloads them (participants too, when the session's rules say so).
//!
//! A track is deleted from the spool only once its file and its row are stored, and a
//! row is written once per (meeting, segment, track): a node killed between the two
//! stores the file again at its next start (the store keeps identical bytes once) and
//! finds the row already there.

use crate::db::entities::sound_recording;
use crate::error::ApiError;
use crate::media::recorder::{SpooledTrack, Track};
use crate::startup::AppState;
use crate::storage::{self, ContentId, Disposition, DownloadName, FileStore};
use actix_web::{route, web, HttpRequest, HttpResponse};
use floor_protocol::api::{RecordedTrack, SoundRecording};
use floor_protocol::{ErrorCode, MeetingId, Millis, Role};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::sync::Arc;
use std::time::Duration;

/// Stores finished tracks and lists them.
#[derive(Clone)]
pub struct Archive {
    files: Arc<dyn FileStore>,
    db: DatabaseConnection,
}

impl Archive {
    pub fn new(files: Arc<dyn FileStore>, db: DatabaseConnection) -> Archive {
        Archive { files, db }
    }

    /// Store every track sent on `finished`, in order, for as long as the recorder runs.
    /// A track that cannot be stored now (the database is down) is tried again, and stays
    /// in the spool meanwhile: it is never dropped.
    pub async fn run(self, mut finished: tokio::sync::mpsc::UnboundedReceiver<SpooledTrack>) {
        while let Some(track) = finished.recv().await {
            let mut wait = Duration::from_millis(500);
            while let Err(e) = self.store(&track).await {
                tracing::error!(path = %track.path.display(), error = %e, "storing a recorded track failed; trying again");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(30));
            }
        }
    }

    async fn store(&self, track: &SpooledTrack) -> anyhow::Result<()> {
        let bytes = tokio::fs::read(&track.path).await?;
        let len = bytes.len() as i64;
        let id = self.files.put(bytes.into()).await?;
        sound_recording::Entity::insert(sound_recording::ActiveModel {
            meeting_id: Set(track.meeting.0),
            started_at: Set(track.started_at),
            duration_ms: Set(track.duration_ms as i64),
            track: Set(track.track.name()),
            content_id: Set(id.to_hex()),
            len: Set(len),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                sound_recording::Column::MeetingId,
                sound_recording::Column::StartedAt,
                sound_recording::Column::Track,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&self.db)
        .await?;
        tokio::fs::remove_file(&track.path).await?;
        tracing::info!(
            meeting = track.meeting.0,
            track = %track.track.name(),
            duration_ms = track.duration_ms,
            "a recorded track is stored"
        );
        Ok(())
    }

    /// The meeting's recorded tracks, as the record lists them.
    pub async fn list(&self, meeting: MeetingId) -> anyhow::Result<Vec<SoundRecording>> {
        let rows = sound_recording::Entity::find()
            .filter(sound_recording::Column::MeetingId.eq(meeting.0))
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().filter_map(listed).collect())
    }

    async fn row(
        &self,
        meeting: MeetingId,
        id: i64,
    ) -> anyhow::Result<Option<sound_recording::Model>> {
        Ok(sound_recording::Entity::find_by_id(id)
            .filter(sound_recording::Column::MeetingId.eq(meeting.0))
            .one(&self.db)
            .await?)
    }
}

fn listed(row: sound_recording::Model) -> Option<SoundRecording> {
    let track = Track::parse(&row.track)?;
    Some(SoundRecording {
        id: row.id,
        track: track.kind,
        channel: track.channel.map(|c| c.to_string()),
        segment_started_at: Millis(row.started_at),
        duration_ms: u64::try_from(row.duration_ms).unwrap_or(0),
        bytes: u64::try_from(row.len).unwrap_or(0),
        download: format!("/api/meetings/{}/recordings/{}", row.meeting_id, row.id),
    })
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(download);
}

/// One recorded track, as `audio/ogg`, resumable (`Range`, `If-Range`).
#[route(
    "/api/meetings/{id}/recordings/{recording}",
    method = "GET",
    method = "HEAD"
)]
async fn download(
    req: HttpRequest,
    app: web::Data<AppState>,
    who: crate::api::Bearer,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (meeting, recording) = (MeetingId(path.0), path.1);
    let hub = app.meetings.hub_for(meeting, &who.0).await?;
    if who.0.role != Role::Secretariat {
        let rules = app
            .meetings
            .directory
            .session(hub.meta.session_id)
            .await?
            .map(|s| s.rules)
            .unwrap_or_default();
        if !rules.sound_recordings_for_participants {
            return Err(ApiError::forbidden(
                "Only the secretariat may download this session's sound recordings.",
            ));
        }
    }
    let row = app
        .recordings
        .row(meeting, recording)
        .await?
        .ok_or(ApiError::NotFound(ErrorCode::RecordingNotFound))?;
    let track = Track::parse(&row.track).ok_or(ApiError::NotFound(ErrorCode::RecordingNotFound))?;
    let kind = match track.kind {
        RecordedTrack::Speaker => "speaker",
        RecordedTrack::Chair => "chair",
        RecordedTrack::Room => "room",
        RecordedTrack::Interpretation => "interpretation",
    };
    // meeting-12-1765000000000-interpretation-fr.ogg
    let name = DownloadName::new(
        &format!("meeting-{}-{}-{kind}", meeting.0, row.started_at),
        track.channel.as_deref().unwrap_or(""),
        "ogg",
    );
    Ok(storage::serve(
        &req,
        app.files.as_ref(),
        ContentId::parse(&row.content_id)?,
        "audio/ogg",
        &name,
        Disposition::Attachment,
    )
    .await)
}
