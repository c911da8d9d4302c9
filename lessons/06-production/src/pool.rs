//! Every core at work: lesson 03's classifier with a pool of ONNX Runtime sessions instead of
//! one. `Session::run` needs exclusive access to a session, so with one session requests take
//! turns; with one per core they run side by side.

use std::{
    path::Path,
    sync::{
        Mutex, MutexGuard,
        atomic::{AtomicUsize, Ordering},
    },
};

use model_in_image::model::{self, Model, ModelError, Signature};
use ort::{
    environment::Environment,
    session::{Session, builder::PrepackedWeights},
};

/// How many ONNX Runtime sessions to run side by side, and how many threads each may use.
#[derive(Debug, Clone, Copy)]
pub struct Sessions {
    /// Sessions in the pool: requests run in parallel up to this many.
    pub count: usize,
    /// ONNX Runtime's intra-op threads per session. Left unset, ONNX Runtime sizes its pool to
    /// the host's cores and ignores a container's CPU limit.
    pub intra_threads: usize,
}

pub struct Pool {
    sessions: Vec<Mutex<Session>>,
    /// Where the next request starts looking for a free session.
    next: AtomicUsize,
    signature: Signature,
    // Keeps ONNX Runtime's environment alive as long as the sessions.
    _environment: Environment,
}

impl Pool {
    /// Loads the model into `sessions.count` sessions and warms every one up. They share one
    /// copy of the weights that ONNX Runtime pre-packs (e.g. for matrix products).
    pub fn load(runtime: &Path, path: &Path, sessions: Sessions) -> Result<Self, ModelError> {
        let environment = model::load_runtime(runtime)?;
        let prepacked = PrepackedWeights::new();
        let threads = sessions.intra_threads.max(1);
        let mut pool = (0..sessions.count.max(1))
            .map(|_| {
                model::open(&environment, path, |b| {
                    Ok(b.with_intra_threads(threads)?
                        .with_prepacked_weights(&prepacked)?)
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let signature = Signature::read(&mut pool[0], path)?;
        for session in &mut pool[1..] {
            signature.warm_up(session, path)?;
        }
        Ok(Pool {
            sessions: pool.into_iter().map(Mutex::new).collect(),
            next: AtomicUsize::new(0),
            signature,
            _environment: environment,
        })
    }

    /// Number of sessions, i.e. requests that can run at the same time.
    pub fn sessions(&self) -> usize {
        self.sessions.len()
    }

    // ANCHOR: pool
    /// A free session if there is one (no lock is waited on while another is idle), otherwise
    /// a turn at the next one in line.
    fn session(&self) -> MutexGuard<'_, Session> {
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let count = self.sessions.len();
        (0..count)
            .find_map(|i| self.sessions[(start + i) % count].try_lock().ok())
            .unwrap_or_else(|| {
                let session = &self.sessions[start % count];
                session.lock().unwrap_or_else(|e| e.into_inner())
            })
    }
    // ANCHOR_END: pool
}

impl Model for Pool {
    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn predict(&self, rows: &[Vec<f32>]) -> Result<Vec<Vec<f32>>, ModelError> {
        self.signature.predict(&mut self.session(), rows)
    }
}
