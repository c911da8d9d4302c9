//! The classifier: any scikit-learn classifier exported by skl2onnx.
//!
//! Nothing about the iris model is hard-coded: the input name and feature count are read from
//! the model, and the class probabilities are taken from whichever form skl2onnx wrote them in -
//! a float tensor `[rows, classes]` (`zipmap: False`) or a sequence of maps (ZipMap, the default).

use std::{
    path::{Path, PathBuf},
    sync::{
        Mutex, MutexGuard, OnceLock,
        atomic::{AtomicUsize, Ordering},
    },
};

use ort::{
    environment::Environment,
    session::{Session, builder::PrepackedWeights},
    value::{DynMapValueType, Tensor, TensorElementType, ValueType},
};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error(
        "cannot load the ONNX Runtime library {path:?} ({reason}); set ORT_DYLIB_PATH to libonnxruntime.so (scripts/fetch-onnxruntime downloads it)"
    )]
    Runtime { path: PathBuf, reason: String },
    #[error(
        "model file {path:?} not found; set MODEL_FILEPATH to the .onnx file (is it copied into the image?)"
    )]
    Missing { path: PathBuf },
    #[error("model file {path:?} is not a usable ONNX model: {reason}")]
    Invalid { path: PathBuf, reason: String },
    #[error("inference failed: {0}")]
    Inference(String),
}

/// How the model hands out class probabilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProbabilityForm {
    /// A float tensor `[rows, classes]` (skl2onnx `zipmap: False`).
    Tensor,
    /// A sequence of `{class: probability}` maps, one per row, with integer class keys.
    ZipMapInt,
    /// The same, with string class keys (a classifier trained on string targets).
    ZipMapString,
}

/// What `/metadata` tells about the model.
#[derive(Debug, Clone, Serialize)]
pub struct Description {
    pub input_name: String,
    pub input_shape: Vec<Option<i64>>,
    pub probability_output: String,
    pub probability_form: ProbabilityForm,
    pub outputs: Vec<String>,
}

/// How many ONNX Runtime sessions to run side by side, and how many threads each may use.
#[derive(Debug, Clone, Copy)]
pub struct Sessions {
    /// Sessions in the pool: requests run in parallel up to this many.
    pub count: usize,
    /// ONNX Runtime's intra-op threads per session. Left unset, ONNX Runtime sizes its pool to
    /// the host's cores and ignores a container's CPU limit.
    pub intra_threads: usize,
}

impl Default for Sessions {
    /// One session on one thread: requests take turns.
    fn default() -> Self {
        Sessions {
            count: 1,
            intra_threads: 1,
        }
    }
}

pub struct Classifier {
    // ANCHOR: session
    /// `Session::run` takes `&mut self`, so a session serves one request at a time. Lesson 03
    /// has one (requests take turns); the production lesson asks for one per core.
    sessions: Vec<Mutex<Session>>,
    /// Where the next request starts looking for a free session.
    next: AtomicUsize,
    // ANCHOR_END: session
    features: usize,
    /// A model exported with a fixed batch size (e.g. `[1, 4]`) takes exactly that many rows
    /// per run: requests are run in chunks of it, the last one padded.
    batch: Option<usize>,
    classes: usize,
    description: Description,
    // Keeps ONNX Runtime's environment alive as long as the session.
    _environment: Environment,
}

impl Classifier {
    /// Loads ONNX Runtime from `runtime` and the model from `path`, then runs one warm-up
    /// inference so that a broken model fails here, at startup, and not on the first request.
    pub fn load(runtime: &Path, path: &Path) -> Result<Self, ModelError> {
        Self::load_with(runtime, path, Sessions::default())
    }

    /// [`Classifier::load`] with a pool of `sessions.count` sessions. They share one copy of
    /// the weights that ONNX Runtime pre-packs (e.g. for matrix products).
    pub fn load_with(runtime: &Path, path: &Path, sessions: Sessions) -> Result<Self, ModelError> {
        let environment = load_runtime(runtime)?;
        if !path.is_file() {
            return Err(ModelError::Missing {
                path: path.to_owned(),
            });
        }
        let invalid = |reason: String| ModelError::Invalid {
            path: path.to_owned(),
            reason,
        };
        let prepacked = PrepackedWeights::new();
        let pool = (0..sessions.count.max(1))
            .map(|_| {
                Session::builder(&environment)
                    .and_then(|b| Ok(b.with_intra_threads(sessions.intra_threads.max(1))?))
                    .and_then(|b| Ok(b.with_prepacked_weights(&prepacked)?))
                    .and_then(|mut b| b.commit_from_file(path))
                    .map_err(|e| invalid(first_line(&e.to_string())))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let session = &pool[0];

        let (input_name, input_shape) = match session.inputs() {
            [input] => match input.dtype() {
                ValueType::Tensor {
                    ty: TensorElementType::Float32,
                    shape,
                    ..
                } if shape.len() == 2 && shape[1] > 0 => (
                    input.name().to_owned(),
                    shape
                        .iter()
                        .map(|&d| (d >= 0).then_some(d))
                        .collect::<Vec<_>>(),
                ),
                other => {
                    return Err(invalid(format!(
                        "input {:?} is {other}; expected a float32 tensor [rows, features] (skl2onnx FloatTensorType([None, n]))",
                        input.name()
                    )));
                }
            },
            inputs => {
                return Err(invalid(format!(
                    "it has {} inputs; expected exactly one [rows, features] tensor",
                    inputs.len()
                )));
            }
        };
        let features = input_shape[1].unwrap_or_default() as usize;
        let batch = input_shape[0].map(|b| b as usize).filter(|&b| b > 0);
        let (probability_output, probability_form) =
            probability_output(session).ok_or_else(|| {
                invalid("no class-probability output (a float tensor [rows, classes] or a ZipMap sequence); export a classifier that predicts probabilities".into())
            })?;
        let description = Description {
            input_name,
            input_shape,
            probability_output,
            probability_form,
            outputs: session
                .outputs()
                .iter()
                .map(|o| o.name().to_owned())
                .collect(),
        };
        let mut classifier = Classifier {
            sessions: pool.into_iter().map(Mutex::new).collect(),
            next: AtomicUsize::new(0),
            features,
            batch,
            classes: 0,
            description,
            _environment: environment,
        };
        // Each call takes the next session in turn, so every session is warmed up.
        let zeros = vec![vec![0.0; features]; batch.unwrap_or(1)];
        let mut warm_up = Vec::new();
        for _ in 0..classifier.sessions.len() {
            warm_up = classifier
                .predict(&zeros)
                .map_err(|e| invalid(format!("warm-up inference failed: {e}")))?;
        }
        classifier.classes = warm_up[0].len();
        if classifier.classes == 0 {
            return Err(invalid("it predicts no classes".into()));
        }
        Ok(classifier)
    }

    pub fn input_name(&self) -> &str {
        &self.description.input_name
    }

    /// Number of features per row.
    pub fn features(&self) -> usize {
        self.features
    }

    /// Number of classes, i.e. probabilities per row.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// The fixed number of rows per run, if the model has one.
    pub fn batch(&self) -> Option<usize> {
        self.batch
    }

    pub fn description(&self) -> &Description {
        &self.description
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

    // ANCHOR: predict
    /// Class probabilities for every row, in class order, all rows in one inference run.
    /// Rows must have `features()` values each (the request parser checks this).
    pub fn predict(&self, rows: &[Vec<f32>]) -> Result<Vec<Vec<f32>>, ModelError> {
        let Some(batch) = self.batch.filter(|&b| b != rows.len()) else {
            return self.run(rows);
        };
        let mut probabilities = Vec::with_capacity(rows.len());
        for chunk in rows.chunks(batch) {
            let mut padded = chunk.to_vec();
            padded.resize(batch, vec![0.0; self.features]);
            probabilities.extend(self.run(&padded)?.into_iter().take(chunk.len()));
        }
        Ok(probabilities)
    }
    // ANCHOR_END: predict

    fn run(&self, rows: &[Vec<f32>]) -> Result<Vec<Vec<f32>>, ModelError> {
        let flat: Vec<f32> = rows.iter().flatten().copied().collect();
        let input = Tensor::from_array(([rows.len(), self.features], flat))
            .map_err(|e| ModelError::Inference(e.to_string()))?;
        let mut session = self.session();
        let outputs = session
            .run(ort::inputs![self.input_name() => input])
            .map_err(|e| ModelError::Inference(e.to_string()))?;
        let output = &outputs[self.description.probability_output.as_str()];
        match self.description.probability_form {
            ProbabilityForm::Tensor => {
                let (shape, data) = output
                    .try_extract_tensor::<f32>()
                    .map_err(|e| ModelError::Inference(e.to_string()))?;
                let columns = shape.get(1).copied().unwrap_or(0).max(0) as usize;
                if columns == 0 {
                    return Err(ModelError::Inference("empty probability tensor".into()));
                }
                Ok(data.chunks(columns).map(<[f32]>::to_vec).collect())
            }
            ProbabilityForm::ZipMapInt => zipmap_rows::<i64>(output),
            ProbabilityForm::ZipMapString => zipmap_rows::<String>(output),
        }
    }
}

/// One probability vector per map, ordered by class key - the order of scikit-learn's
/// `classes_`, which is sorted.
fn zipmap_rows<K>(output: &ort::value::DynValue) -> Result<Vec<Vec<f32>>, ModelError>
where
    K: ort::value::IntoTensorElementType + Clone + std::hash::Hash + Eq + Ord + std::fmt::Debug,
{
    let err = |e: ort::Error| ModelError::Inference(e.to_string());
    let maps = output
        .try_extract_sequence::<DynMapValueType>()
        .map_err(err)?;
    maps.iter()
        .map(|map| {
            let mut pairs = map.try_extract_key_values::<K, f32>().map_err(err)?;
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            Ok(pairs.into_iter().map(|(_, p)| p).collect())
        })
        .collect()
}

/// skl2onnx names it `output_probability`; otherwise take the first output of a usable form.
fn probability_output(session: &Session) -> Option<(String, ProbabilityForm)> {
    let form = |dtype: &ValueType| match dtype {
        ValueType::Tensor {
            ty: TensorElementType::Float32,
            shape,
            ..
        } if shape.len() == 2 => Some(ProbabilityForm::Tensor),
        ValueType::Sequence(inner) => match inner.as_ref() {
            ValueType::Map {
                key: TensorElementType::Int64,
                value: TensorElementType::Float32,
            } => Some(ProbabilityForm::ZipMapInt),
            ValueType::Map {
                key: TensorElementType::String,
                value: TensorElementType::Float32,
            } => Some(ProbabilityForm::ZipMapString),
            _ => None,
        },
        _ => None,
    };
    let candidates = session
        .outputs()
        .iter()
        .filter_map(|o| form(o.dtype()).map(|f| (o.name().to_owned(), f)));
    let all: Vec<_> = candidates.collect();
    all.iter()
        .find(|(name, _)| name == "output_probability")
        .or_else(|| all.first())
        .cloned()
}

/// ONNX Runtime allows one environment per process: it is created on first use and shared.
fn load_runtime(path: &Path) -> Result<Environment, ModelError> {
    static ENVIRONMENT: OnceLock<Result<Environment, String>> = OnceLock::new();
    ENVIRONMENT
        .get_or_init(|| {
            ort::init_from(path)
                .map_err(|e| e.to_string())?
                .with_name("model-in-image")
                .build()
                .map_err(|e| e.to_string())
        })
        .clone()
        .map_err(|reason| ModelError::Runtime {
            path: path.to_owned(),
            reason: first_line(&reason),
        })
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().trim().to_owned()
}
