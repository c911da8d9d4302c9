//! What the doctor knows besides the manifests themselves, and the diagnosis of an input it
//! cannot read.

use std::{collections::BTreeMap, path::Path};

use crate::{
    Severity,
    app::{Holds, LocalImage, Origin, is_workbook_image},
    dockerfile::Dockerfile,
    findings::{Finding, read},
};

/// What the doctor knows besides the manifests themselves: the Dockerfiles among the inputs,
/// and the images this machine's Docker has (an image asked about and not there: `None`).
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub dockerfiles: &'a [(String, Dockerfile)],
    pub local: &'a BTreeMap<String, Option<LocalImage>>,
}

impl<'a> Context<'a> {
    /// Where to learn what `image` holds, best first: this machine's Docker; for an image the
    /// learner builds, the Dockerfile among the inputs nearest the manifest; the workbook's
    /// own image. None when nothing can tell.
    pub fn holds(&self, image: &str, origin: &Origin, manifest: &str) -> Option<Holds<'a>> {
        if let Some(Some(local)) = self.local.get(image) {
            return Some(Holds::Local(local));
        }
        if origin.learner_builds()
            && let Some((file, dockerfile)) = self.dockerfile_for(manifest)
        {
            return Some(Holds::Dockerfile(file, dockerfile));
        }
        is_workbook_image(image).then_some(Holds::Workbook)
    }

    /// The Dockerfile that builds the learner's image of a manifest: the one in the nearest
    /// folder above it (`Dockerfile` itself if there are several there), or the only one given.
    fn dockerfile_for(&self, manifest: &str) -> Option<(&'a str, &'a Dockerfile)> {
        let folder = Path::new(manifest).parent().unwrap_or(Path::new(""));
        let depth = |file: &str| {
            let dir = Path::new(file).parent().unwrap_or(Path::new(""));
            folder.starts_with(dir).then(|| dir.components().count())
        };
        let nearest = self.dockerfiles.iter().filter_map(|(f, _)| depth(f)).max();
        let candidates: Vec<&(String, Dockerfile)> = match nearest {
            Some(d) => self
                .dockerfiles
                .iter()
                .filter(|(f, _)| depth(f) == Some(d))
                .collect(),
            None => self.dockerfiles.iter().collect(),
        };
        let chosen = match candidates.as_slice() {
            [one] => Some(*one),
            several => several
                .iter()
                .copied()
                .find(|(f, _)| Path::new(f).file_name().is_some_and(|n| n == "Dockerfile")),
        };
        chosen.map(|(f, d)| (f.as_str(), d))
    }
}

pub(crate) fn unreadable(location: String, problem: String) -> Finding {
    Finding {
        severity: Severity::Error,
        location,
        problem,
        fix: crate::t!("doctor-unreadable-fix"),
        read: read::MANIFESTS,
    }
}
