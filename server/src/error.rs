//! The HTTP API's one error type. Every error answers with a stable code and a sentence;
//! the code is one of the protocol's [`ErrorCode`]s (the same list the WebSocket's error
//! frames use), or a refused command's rejection code. An unexpected failure is logged in
//! full and answered without its internals.

use crate::auth::TokenError;
use crate::hub::CommandError;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use floor_protocol::api::ErrorBody;
use floor_protocol::ErrorCode;
use floor_protocol::Rejection;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{message}")]
    Unauthorized { code: ErrorCode, message: String },
    #[error("{0}")]
    Forbidden(String),
    /// What the path names does not exist: one of the `…_not_found` codes.
    #[error("There is no such {}.", missing(*.0))]
    NotFound(ErrorCode),
    #[error("{message}")]
    BadRequest { code: ErrorCode, message: String },
    #[error("{message}")]
    Conflict { code: ErrorCode, message: String },
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
    pub fn bad_request(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            code,
            message: message.into(),
        }
    }

    /// Client text holding a control character (see [`crate::plain_text`]).
    pub fn plain_text(body: &impl serde::Serialize) -> Result<(), Self> {
        crate::plain_text::check(body)
            .map_err(|m| ApiError::bad_request(ErrorCode::ControlCharacter, m))
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError::Forbidden(message.into())
    }

    /// The code answered; `None` for a refused command, whose rejection carries its own.
    fn code(&self) -> Option<ErrorCode> {
        Some(match self {
            ApiError::Unauthorized { code, .. }
            | ApiError::BadRequest { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::NotFound(code) => *code,
            ApiError::Forbidden(_) => ErrorCode::Forbidden,
            ApiError::TooMany(_) => ErrorCode::RateLimited,
            ApiError::Rejected(_) => return None,
            ApiError::Storage(e) => e.code(),
            ApiError::Internal(_) => ErrorCode::Internal,
        })
    }
}

/// What a `…_not_found` code says is missing, in words ("language version").
fn missing(code: ErrorCode) -> String {
    let name = code.as_str();
    name.strip_suffix("_not_found")
        .unwrap_or(name)
        .replace('_', " ")
}

impl From<TokenError> for ApiError {
    fn from(e: TokenError) -> Self {
        ApiError::Unauthorized {
            code: match e {
                TokenError::Expired => ErrorCode::TokenExpired,
                TokenError::Invalid => ErrorCode::InvalidToken,
                TokenError::Revoked => ErrorCode::TokenRevoked,
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
            CommandError::UnknownMeeting => ApiError::NotFound(ErrorCode::MeetingNotFound),
            CommandError::WrongScope => {
                ApiError::forbidden("Your token does not cover this meeting.")
            }
            CommandError::RequestIdReused => ApiError::Conflict {
                code: ErrorCode::RequestIdReused,
                message: "This request_id was already used for a different command; nothing was changed. Use a new request_id for a new command.".into(),
            },
            CommandError::InvalidRequestId => ApiError::BadRequest {
                code: ErrorCode::InvalidRequestId,
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
        response.json(match (self, self.code()) {
            (ApiError::Rejected(r), _) => ErrorBody::rejected(r.clone()),
            (_, code) => ErrorBody::new(code.unwrap_or(ErrorCode::Internal), message),
        })
    }
}
