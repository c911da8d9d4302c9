//! The workbook's own image: its names and the settings its Dockerfile gives it.

/// The settings of the workbook's images (the Dockerfile at the root and those of lessons 3 to
/// 5 all set these, and copy the files there; a unit test holds them to it).
pub const WORKBOOK_ENV: [(&str, &str); 3] = [
    ("MODEL_FILEPATH", "/app/models/iris_svc.onnx"),
    ("LABEL_FILEPATH", "/app/models/label.json"),
    ("ORT_DYLIB_PATH", "/usr/local/lib/libonnxruntime.so.1.32.0"),
];

/// The port the workbook's server listens on, and the paths its probes ask.
pub const WORKBOOK_PORT: i32 = 8000;

/// The repository of an image reference: `gcr.io/x/y:v1` -> `gcr.io/x/y`.
pub fn repository(image: &str) -> &str {
    let image = image.split('@').next().unwrap_or(image);
    match image.rsplit_once(':') {
        Some((repository, tag)) if !tag.contains('/') => repository,
        _ => image,
    }
}

/// The images the workbook builds: `model-in-image-pattern:v1.0` (the guide's tag) and
/// `model-in-image-workbook/...` (the lessons' and the tests').
pub fn is_workbook_image(image: &str) -> bool {
    let repository = repository(image);
    repository == "model-in-image-pattern" || repository.starts_with("model-in-image-workbook/")
}
