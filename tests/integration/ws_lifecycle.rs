//! The life of a WebSocket connection at its end: a client that closes gets the closing
//! handshake answered, not a dropped connection.

use floor_testkit::*;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::{Error, Message};

/// A client sends Close with a code; the server answers Close with the same code and the
/// connection ends cleanly (a browser sees `wasClean` and the code, not 1006).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_close_is_answered_with_the_same_code_and_the_connection_ends() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    for code in [CloseCode::Normal, CloseCode::Away, CloseCode::Library(4000)] {
        let (mut ws, _) = tokio_tungstenite::connect_async(node.ws_url())
            .await
            .expect("connect");
        ws.send(Message::Close(Some(CloseFrame {
            code,
            reason: "leaving".into(),
        })))
        .await
        .expect("send close");
        let answer = tokio::time::timeout(DEADLINE, ws.next())
            .await
            .expect("an answer within the deadline");
        match answer {
            Some(Ok(Message::Close(Some(frame)))) => assert_eq!(frame.code, code),
            other => panic!("expected a Close frame with {code}, got {other:?}"),
        }
        // The handshake is complete: the stream ends without an error.
        let end = tokio::time::timeout(DEADLINE, ws.next())
            .await
            .expect("the end within the deadline");
        assert!(
            matches!(
                end,
                None | Some(Err(Error::ConnectionClosed | Error::AlreadyClosed))
            ),
            "expected a clean end, got {end:?}"
        );
    }
}
