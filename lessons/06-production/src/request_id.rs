//! Request IDs: the client's `x-request-id` if it sent one, otherwise a new UUID.
//!
//! A random (version 4) UUID per request needs 16 fresh random bytes from the kernel each time:
//! a `getrandom` system call per request. Uniqueness is what a request ID needs, not
//! unpredictability, so this server draws 8 random bytes once, at startup, and counts: each new ID
//! is those 8 bytes followed by a per-process counter, written as a version 8 ("custom") UUID
//! (RFC 9562), the version meant for IDs made by a scheme of one's own. IDs from one process never
//! repeat; two processes share a prefix with a chance of one in 2⁶² per pair.

use std::sync::{
    OnceLock,
    atomic::{AtomicU64, Ordering},
};

use axum::http::{HeaderValue, Request};
use tower_http::request_id::{MakeRequestId, RequestId};
use uuid::{Builder, Uuid};

/// Makes request IDs: this process's random prefix, then a count (see the module's comment).
#[derive(Clone, Copy, Default)]
pub struct MakeCountedUuid;

// ANCHOR: request_id
impl MakeRequestId for MakeCountedUuid {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        static PREFIX: OnceLock<[u8; 8]> = OnceLock::new();
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let prefix = PREFIX.get_or_init(|| {
            let random = Uuid::new_v4().into_bytes();
            random[..8].try_into().expect("a UUID has 16 bytes")
        });
        let count = COUNT.fetch_add(1, Ordering::Relaxed).to_be_bytes();
        let mut bytes = [0; 16];
        bytes[..8].copy_from_slice(prefix);
        bytes[8..].copy_from_slice(&count);
        let id = Builder::from_custom_bytes(bytes).into_uuid();
        let mut text = [0; uuid::fmt::Hyphenated::LENGTH];
        let text = id.hyphenated().encode_lower(&mut text);
        Some(RequestId::new(
            HeaderValue::from_str(text).expect("a UUID is a valid header value"),
        ))
    }
}
// ANCHOR_END: request_id

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_uuids_of_one_process() {
        let request = Request::new(());
        let mut make = MakeCountedUuid;
        let mut id = || {
            let id = make.make_request_id(&request).unwrap();
            Uuid::parse_str(id.header_value().to_str().unwrap()).unwrap()
        };
        let (first, second) = (id(), id());
        assert_ne!(first, second);
        assert_eq!(first.get_version_num(), 8);
        assert_eq!(first.as_bytes()[..8], second.as_bytes()[..8], "one prefix");
    }
}
