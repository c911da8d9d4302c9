//! The OpenAPI document's frame; the paths and schemas come from the handlers' `#[utoipa::path]`
//! attributes (see `app()`), so the document cannot drift from the code.

use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Model-in-Image server",
        description = "A scikit-learn classifier baked into its image: the guide's API and the Open Inference Protocol v2."
    ),
    tags(
        (name = "guide", description = "The guide's API, compatible with its FastAPI original"),
        (name = "health", description = "Probes: liveness and readiness"),
        (name = "v2", description = "Open Inference Protocol v2 (KServe, Triton)")
    )
)]
struct Document;

pub fn document() -> utoipa::openapi::OpenApi {
    Document::openapi()
}
