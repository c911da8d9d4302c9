//! The classifier: any scikit-learn classifier exported by skl2onnx.
//!
//! Nothing about the iris model is hard-coded: the input name and feature count are read from
//! the model, and the class probabilities are taken from whichever form skl2onnx wrote them in -
//! a float tensor `[rows, classes]` (`zipmap: False`) or a sequence of maps (ZipMap, the default).

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex, OnceLock},
};

use ort::{
    environment::Environment,
    session::{Session, builder::SessionBuilder},
    value::{DynMapValueType, Tensor, TensorElementType, ValueType},
};
use serde::Serialize;

use crate::labels::Labels;

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

/// What a loaded model takes and gives, read from its session at startup.
#[derive(Debug, Clone)]
pub struct Signature {
    features: usize,
    /// A model exported with a fixed batch size (e.g. `[1, 4]`) takes exactly that many rows
    /// per run: requests are run in chunks of it, the last one padded.
    batch: Option<usize>,
    classes: usize,
    description: Description,
}

/// What the server asks of a model. [`Classifier`] runs one session; the production lesson
/// brings a pool of them.
pub trait Model: Send + Sync {
    fn signature(&self) -> &Signature;
    /// Class probabilities for every row, in class order.
    fn predict(&self, rows: &[Vec<f32>]) -> Result<Vec<Vec<f32>>, ModelError>;
}

pub struct Classifier {
    // ANCHOR: session
    /// `Session::run` takes `&mut self`, so a session serves one request at a time: requests
    /// take turns. (The production lesson runs a pool of sessions, one per core.)
    session: Mutex<Session>,
    // ANCHOR_END: session
    signature: Signature,
    // Keeps ONNX Runtime's environment alive as long as the session.
    _environment: Environment,
}

impl Classifier {
    /// Loads ONNX Runtime from `runtime` and the model from `path`, then runs one warm-up
    /// inference so that a broken model fails here, at startup, and not on the first request.
    pub fn load(runtime: &Path, path: &Path) -> Result<Self, ModelError> {
        let environment = load_runtime(runtime)?;
        let mut session = open(&environment, path, |b| Ok(b.with_intra_threads(1)?))?;
        let signature = Signature::read(&mut session, path)?;
        Ok(Classifier {
            session: Mutex::new(session),
            signature,
            _environment: environment,
        })
    }

    pub fn signature(&self) -> &Signature {
        &self.signature
    }

    pub fn input_name(&self) -> &str {
        self.signature.input_name()
    }

    /// Number of features per row.
    pub fn features(&self) -> usize {
        self.signature.features()
    }

    /// Number of classes, i.e. probabilities per row.
    pub fn classes(&self) -> usize {
        self.signature.classes()
    }

    /// The fixed number of rows per run, if the model has one.
    pub fn batch(&self) -> Option<usize> {
        self.signature.batch()
    }

    pub fn description(&self) -> &Description {
        self.signature.description()
    }

    /// Class probabilities for every row, in class order, all rows in one inference run.
    /// Rows must have `features()` values each (the request parser checks this).
    pub fn predict(&self, rows: &[Vec<f32>]) -> Result<Vec<Vec<f32>>, ModelError> {
        let mut session = self.session.lock().unwrap_or_else(|e| e.into_inner());
        self.signature.predict(&mut session, rows)
    }
}

impl Model for Classifier {
    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn predict(&self, rows: &[Vec<f32>]) -> Result<Vec<Vec<f32>>, ModelError> {
        Classifier::predict(self, rows)
    }
}

// ANCHOR: infer
/// Why an inference gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum InferenceError {
    /// ONNX Runtime failed: the server's fault (500).
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The model answered NaN or infinity for a row: the input's fault (422).
    #[error(
        "the model gives no valid probabilities for data[{row}] (NaN or infinite); its values are probably outside what the model was trained on"
    )]
    NotFinite { row: usize },
    /// The inference task panicked (500).
    #[error("{0}")]
    Panicked(String),
}

/// Requests up to this many rows (about 2 ms of inference) run right on the async worker; larger
/// batches run on tokio's blocking pool, so they cannot hold up `/health` on a 1-CPU Pod.
const INLINE_ROWS: usize = 4096;

/// Runs the model, and refuses an answer that is not a probability (a model can return NaN
/// for extreme inputs).
pub async fn infer(
    model: &Arc<dyn Model>,
    rows: Vec<Vec<f32>>,
) -> Result<Vec<Vec<f32>>, InferenceError> {
    let result = if rows.len() <= INLINE_ROWS {
        model.predict(&rows)
    } else {
        let model = Arc::clone(model);
        tokio::task::spawn_blocking(move || model.predict(&rows))
            .await
            .map_err(|e| InferenceError::Panicked(e.to_string()))?
    };
    let probabilities = result.inspect_err(|e| tracing::error!("{e}"))?;
    if let Some(row) = probabilities
        .iter()
        .position(|p| p.iter().any(|x| !x.is_finite()))
    {
        return Err(InferenceError::NotFinite { row });
    }
    Ok(probabilities)
}

/// Index of the most probable class (the first, on a tie).
pub fn argmax(probabilities: &[f32]) -> usize {
    probabilities
        .iter()
        .enumerate()
        .fold((0, f32::NEG_INFINITY), |best, (i, &p)| {
            if p > best.1 { (i, p) } else { best }
        })
        .0
}

/// The most probable class's name, for each row of probabilities.
pub fn most_likely<'a>(labels: &'a Labels, probabilities: &[Vec<f32>]) -> Vec<&'a str> {
    probabilities
        .iter()
        .map(|p| labels.name(argmax(p)))
        .collect()
}
// ANCHOR_END: infer

/// Opens the model at `path` in a new session, built by `configure` (threads, shared weights).
pub fn open(
    environment: &Environment,
    path: &Path,
    configure: impl FnOnce(SessionBuilder) -> ort::Result<SessionBuilder>,
) -> Result<Session, ModelError> {
    if !path.is_file() {
        return Err(ModelError::Missing {
            path: path.to_owned(),
        });
    }
    Session::builder(environment)
        .and_then(configure)
        .and_then(|mut b| b.commit_from_file(path))
        .map_err(|e| invalid(path, first_line(&e.to_string())))
}

fn invalid(path: &Path, reason: String) -> ModelError {
    ModelError::Invalid {
        path: path.to_owned(),
        reason,
    }
}

impl Signature {
    /// Reads the input and the probability output from `session`, then warms it up.
    pub fn read(session: &mut Session, path: &Path) -> Result<Self, ModelError> {
        let invalid = |reason: String| invalid(path, reason);
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
        let mut signature = Signature {
            features,
            batch,
            classes: 0,
            description,
        };
        signature.classes = signature.warm_up(session, path)?;
        if signature.classes == 0 {
            return Err(invalid("it predicts no classes".into()));
        }
        Ok(signature)
    }

    /// One inference of zeros, so that a broken model fails at startup; gives the number of
    /// classes.
    pub fn warm_up(&self, session: &mut Session, path: &Path) -> Result<usize, ModelError> {
        let zeros = vec![vec![0.0; self.features]; self.batch.unwrap_or(1)];
        let probabilities = self
            .predict(session, &zeros)
            .map_err(|e| invalid(path, format!("warm-up inference failed: {e}")))?;
        Ok(probabilities[0].len())
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

    // ANCHOR: predict
    /// Class probabilities for every row, in class order, all rows in one inference run of
    /// `session` (in chunks, for a model with a fixed batch size).
    pub fn predict(
        &self,
        session: &mut Session,
        rows: &[Vec<f32>],
    ) -> Result<Vec<Vec<f32>>, ModelError> {
        let Some(batch) = self.batch.filter(|&b| b != rows.len()) else {
            return self.run(session, rows);
        };
        let mut probabilities = Vec::with_capacity(rows.len());
        for chunk in rows.chunks(batch) {
            let mut padded = chunk.to_vec();
            padded.resize(batch, vec![0.0; self.features]);
            probabilities.extend(self.run(session, &padded)?.into_iter().take(chunk.len()));
        }
        Ok(probabilities)
    }
    // ANCHOR_END: predict

    fn run(&self, session: &mut Session, rows: &[Vec<f32>]) -> Result<Vec<Vec<f32>>, ModelError> {
        let flat: Vec<f32> = rows.iter().flatten().copied().collect();
        let input = Tensor::from_array(([rows.len(), self.features], flat))
            .map_err(|e| ModelError::Inference(e.to_string()))?;
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
pub fn load_runtime(path: &Path) -> Result<Environment, ModelError> {
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
