//! The HTTP API's one error type. Every error answers with a stable `code` and a sentence;
//! an unexpected failure is logged in full and answered without its internals.

use crate::auth::TokenError;
use crate::hub::CommandError;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use floor_protocol::api::ErrorBody;
use floor_protocol::Rejection;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{message}")]
    Unauthorized { code: &'static str, message: String },
    #[error("{0}")]
    Forbidden(String),
    #[error("There is no such {0}.")]
    NotFound(&'static str),
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("{0}")]
    Rejected(Rejection),
    /// Over a rate limit (`limits.rs`): 429 with `Retry-After`.
    #[error("{}", .0.message())]
    TooMany(crate::limits::Limited),
    #[error("{0}")]
    Storage(#[from] crate::storage::StorageError),
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            code,
            message: message.into(),
        }
    }

    /// Client text holding a control character (see [`crate::plain_text`]).
    pub fn plain_text(body: &impl serde::Serialize) -> Result<(), Self> {
        crate::plain_text::check(body).map_err(|m| ApiError::bad_request("control_character", m))
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError::Forbidden(message.into())
    }

    fn code(&self) -> String {
        match self {
            ApiError::Unauthorized { code, .. }
            | ApiError::BadRequest { code, .. }
            | ApiError::Conflict { code, .. } => code.to_string(),
            ApiError::Forbidden(_) => "forbidden".into(),
            ApiError::TooMany(_) => "rate_limited".into(),
            ApiError::NotFound(what) => format!("{}_not_found", what.replace(' ', "_")),
            ApiError::Rejected(r) => r.code(),
            ApiError::Storage(e) => e.code().to_string(),
            ApiError::Internal(_) => "internal".into(),
        }
    }
}

impl From<TokenError> for ApiError {
    fn from(e: TokenError) -> Self {
        ApiError::Unauthorized {
            code: match e {
                TokenError::Expired => "token_expired",
                TokenError::Invalid => "invalid_token",
                TokenError::Revoked => "token_revoked",
            },
            message: e.to_string(),
        }
    }
}

impl From<crate::limits::Limited> for ApiError {
    fn from(limited: crate::limits::Limited) -> Self {
        ApiError::TooMany(limited)
    }
}

impl From<CommandError> for ApiError {
    fn from(e: CommandError) -> Self {
        match e {
            CommandError::Rejected(r) => ApiError::Rejected(r),
            CommandError::UnknownMeeting => ApiError::NotFound("meeting"),
            CommandError::WrongScope => {
                ApiError::forbidden("Your token does not cover this meeting.")
            }
            CommandError::RequestIdReused => ApiError::Conflict {
                code: "request_id_reused",
                message: "This request_id was already used for a different command; nothing was changed. Use a new request_id for a new command.".into(),
            },
            CommandError::InvalidRequestId => ApiError::BadRequest {
                code: "invalid_request_id",
                message: format!(
                    "A request_id has at most {} characters and no control character.",
                    crate::hub::MAX_REQUEST_ID
                ),
            },
            CommandError::Internal(e) => ApiError::Internal(e),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::TooMany(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Rejected(Rejection::NotPermitted { .. }) => StatusCode::FORBIDDEN,
            ApiError::Rejected(Rejection::InvalidText { .. }) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Rejected(_) => StatusCode::CONFLICT,
            ApiError::Storage(e) => e.status(),
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let message = match self {
            ApiError::Internal(e) => {
                tracing::error!(error = ?e, "request failed");
                "The server failed; nothing was changed. Try again.".to_string()
            }
            ApiError::Rejected(r) => r.message(),
            ApiError::Storage(e @ crate::storage::StorageError::Io(_)) => {
                tracing::error!(error = ?e, "file storage failed");
                "The server could not store or read the file. Try again.".to_string()
            }
            other => other.to_string(),
        };
        let mut response = HttpResponse::build(self.status_code());
        if let ApiError::TooMany(limited) = self {
            response.insert_header((
                actix_web::http::header::RETRY_AFTER,
                limited.retry_after_secs().to_string(),
            ));
        }
        response.json(ErrorBody {
            code: self.code(),
            message,
            rejection: match self {
                ApiError::Rejected(r) => Some(r.clone()),
                _ => None,
            },
        })
    }
}
