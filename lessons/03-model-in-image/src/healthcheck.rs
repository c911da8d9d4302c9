//! `model-in-image healthcheck`: the image's HEALTHCHECK, without curl in the image.
//!
//! Asks `GET /health` on 127.0.0.1:$PORT and exits 0 only for an HTTP 200 whose body says
//! `"ok"`, within two seconds.

use std::{
    io::{Read, Write},
    net::{Ipv4Addr, SocketAddr, TcpStream},
    process::ExitCode,
    time::Duration,
};

// ANCHOR: healthcheck
pub fn run() -> ExitCode {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, crate::config::port()));
    match check(addr) {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("unhealthy: {reason}");
            ExitCode::FAILURE
        }
    }
}

fn check(addr: SocketAddr) -> Result<(), String> {
    let timeout = Duration::from_secs(2);
    let mut stream =
        TcpStream::connect_timeout(&addr, timeout).map_err(|e| format!("{addr}: {e}"))?;
    stream
        .set_read_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    write!(stream, "GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n").map_err(|e| e.to_string())?;
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .map_err(|e| e.to_string())?;
    let status = response.lines().next().unwrap_or_default();
    if status.split_whitespace().nth(1) == Some("200") && response.contains("\"ok\"") {
        Ok(())
    } else {
        Err(format!("GET /health answered {status:?}"))
    }
}
// ANCHOR_END: healthcheck
