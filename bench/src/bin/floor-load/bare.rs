//! The bare baseline: a minimal WebSocket broadcast server with no meeting logic. Each
//! text frame any connection sends is stamped with the next seq and broadcast to every
//! connection (the sender included); the sender also gets an `ack` with the seq, and a
//! new connection gets a `snapshot` hello carrying the current seq. One tokio task per
//! connection, one tokio broadcast channel: the shape of the Floor server's fan-out
//! without authentication, commands, storage or state.

use futures_util::{SinkExt, StreamExt};
use std::sync::{Arc, Mutex};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};

struct Hub {
    seq: Mutex<u64>,
    tx: broadcast::Sender<Utf8Bytes>,
}

pub async fn serve(addr: &str) -> anyhow::Result<()> {
    let listener = TcpListener::bind(addr).await?;
    println!("bare-server listening on {}", listener.local_addr()?);
    use std::io::Write;
    std::io::stdout().flush()?;
    let (tx, _) = broadcast::channel(8192);
    let hub = Arc::new(Hub {
        seq: Mutex::new(0),
        tx,
    });
    loop {
        let (sock, _) = listener.accept().await?;
        let _ = sock.set_nodelay(true);
        tokio::spawn(connection(sock, hub.clone()));
    }
}

async fn connection(sock: TcpStream, hub: Arc<Hub>) {
    let Ok(ws) = tokio_tungstenite::accept_async(sock).await else {
        return;
    };
    let (mut sink, mut stream) = ws.split();
    let (mut rx, head) = {
        let seq = hub.seq.lock().expect("seq lock");
        (hub.tx.subscribe(), *seq)
    };
    let hello = format!(r#"{{"type":"snapshot","meeting_id":1,"state":{{"seq":{head}}}}}"#);
    if sink.send(Message::text(hello)).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            m = stream.next() => match m {
                Some(Ok(Message::Text(t))) => {
                    let v: serde_json::Value = serde_json::from_str(&t).unwrap_or_default();
                    let rid = v.get("request_id").and_then(|r| r.as_str()).unwrap_or("");
                    let pad = v.get("pad").and_then(|r| r.as_str()).unwrap_or("");
                    let seq = {
                        let mut seq = hub.seq.lock().expect("seq lock");
                        *seq += 1;
                        let frame = format!(
                            r#"{{"type":"event","meeting_id":1,"seq":{},"at":0,"actor":null,"event":{{"type":"bare","pad":"{pad}"}}}}"#,
                            *seq
                        );
                        let _ = hub.tx.send(Utf8Bytes::from(frame));
                        *seq
                    };
                    let ack = format!(
                        r#"{{"type":"ack","request_id":"{rid}","meeting_id":1,"seq":{seq}}}"#
                    );
                    if sink.send(Message::text(ack)).await.is_err() {
                        return;
                    }
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
            r = rx.recv() => match r {
                Ok(frame) => {
                    if sink.send(Message::Text(frame)).await.is_err() {
                        return;
                    }
                }
                // Fell too far behind, like the Floor server's too_slow: drop the connection.
                Err(_) => return,
            },
        }
    }
}
