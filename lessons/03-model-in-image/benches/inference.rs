//! In-process inference time (no HTTP): one row and a thousand rows per ONNX Runtime run.
//! Run by `just bench`; needs ORT_DYLIB_PATH (set by the justfile).

use std::{hint::black_box, path::Path, time::Instant};

use model_in_image::model::Classifier;

fn main() {
    let runtime = std::env::var("ORT_DYLIB_PATH").expect("set ORT_DYLIB_PATH (just bench does)");
    let model_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/iris_svc.onnx");
    let model =
        Classifier::load(Path::new(&runtime), &model_path).unwrap_or_else(|e| panic!("{e}"));
    let flowers = [
        [5.1, 3.5, 1.4, 0.2],
        [5.9, 3.0, 4.2, 1.5],
        [6.3, 2.9, 5.6, 1.8],
    ];
    for rows in [1usize, 1000] {
        let batch: Vec<Vec<f32>> = (0..rows).map(|i| flowers[i % 3].to_vec()).collect();
        let iterations = if rows == 1 { 20_000 } else { 200 };
        for _ in 0..iterations / 10 {
            black_box(model.predict(&batch).unwrap());
        }
        let mut times: Vec<f64> = (0..iterations)
            .map(|_| {
                let start = Instant::now();
                black_box(model.predict(black_box(&batch)).unwrap());
                start.elapsed().as_secs_f64()
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        println!(
            "in-process inference, {rows:>4} row(s) per run: median {:>9.1} µs, p99 {:>9.1} µs, {:>10.0} rows/s",
            median * 1e6,
            times[times.len() * 99 / 100] * 1e6,
            rows as f64 / median
        );
    }
}
