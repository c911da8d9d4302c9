//! The label file: `{"0": "setosa", "1": "versicolor", "2": "virginica"}`, one name per class,
//! keyed by the class's column in the probability vector.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use serde::{Serialize, Serializer, ser::SerializeMap};

#[derive(Debug, thiserror::Error)]
pub enum LabelError {
    #[error(
        "label file {path:?} not found; set LABEL_FILEPATH to the JSON label map (is it copied into the image?)"
    )]
    Missing { path: PathBuf },
    #[error("label file {path:?} cannot be read: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error(
        "label file {path:?} is not a JSON object of class index to name like {{\"0\": \"setosa\"}}: {reason}"
    )]
    Invalid { path: PathBuf, reason: String },
    #[error("label file {path:?} names {labels} classes but the model predicts {classes}")]
    Mismatch {
        path: PathBuf,
        labels: usize,
        classes: usize,
    },
}

/// Label names in class order.
#[derive(Debug, Clone)]
pub struct Labels(Vec<String>);

impl Labels {
    pub fn load(path: &Path) -> Result<Self, LabelError> {
        let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LabelError::Missing {
                path: path.to_owned(),
            },
            _ => LabelError::Unreadable {
                path: path.to_owned(),
                reason: e.to_string(),
            },
        })?;
        Self::parse(&text).map_err(|reason| LabelError::Invalid {
            path: path.to_owned(),
            reason,
        })
    }

    /// Keys must be the class indices 0..n, each once; values the names.
    pub fn parse(text: &str) -> Result<Self, String> {
        let map: BTreeMap<String, String> =
            serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut by_index = BTreeMap::new();
        for (key, name) in map {
            // Only the plain form: "1", not "01" or "+1", so no two keys name one class.
            let index: usize = key
                .parse()
                .ok()
                .filter(|i: &usize| i.to_string() == key)
                .ok_or_else(|| format!("key {key:?} is not a class index (0, 1, 2, ...)"))?;
            by_index.insert(index, name);
        }
        if by_index.is_empty() {
            return Err("it has no labels".into());
        }
        if let Some(missing) = (0..by_index.len()).find(|i| !by_index.contains_key(i)) {
            return Err(format!("class index {missing} has no label"));
        }
        Ok(Labels(by_index.into_values().collect()))
    }

    pub fn check_classes(&self, path: &Path, classes: usize) -> Result<(), LabelError> {
        if self.0.len() == classes {
            Ok(())
        } else {
            Err(LabelError::Mismatch {
                path: path.to_owned(),
                labels: self.0.len(),
                classes,
            })
        }
    }

    pub fn name(&self, class: usize) -> &str {
        &self.0[class]
    }
}

/// Serialises back to the file's shape, in class order.
impl Serialize for Labels {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (index, name) in self.0.iter().enumerate() {
            map.serialize_entry(&index.to_string(), name)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_guides_label_file() {
        let labels =
            Labels::parse(r#"{"0": "setosa", "1": "versicolor", "2": "virginica"}"#).unwrap();
        assert_eq!(labels.name(2), "virginica");
        assert_eq!(
            serde_json::to_string(&labels).unwrap(),
            r#"{"0":"setosa","1":"versicolor","2":"virginica"}"#
        );
    }

    #[test]
    fn orders_classes_by_number_not_text() {
        let text = (0..12)
            .map(|i| format!("\"{i}\": \"c{i}\""))
            .collect::<Vec<_>>()
            .join(",");
        let labels = Labels::parse(&format!("{{{text}}}")).unwrap();
        assert_eq!(labels.name(10), "c10");
    }

    #[test]
    fn rejects_gaps_and_non_numeric_keys() {
        assert_eq!(
            Labels::parse(r#"{"0": "a", "2": "c"}"#).unwrap_err(),
            "class index 1 has no label"
        );
        assert!(
            Labels::parse(r#"{"setosa": "0"}"#)
                .unwrap_err()
                .contains("not a class index")
        );
        assert!(Labels::parse("[]").is_err());
        assert_eq!(Labels::parse("{}").unwrap_err(), "it has no labels");
    }
}
