//! One case of the lab as an exercise, read from the case manifest.

use std::path::PathBuf;

use crate::{cases, i18n, t};

use super::paths::{CASES, exercises_root, repo_root};

// ---------------------------------------------------------------------------------------------
// Cases

/// One case of the lab, e.g. `04-listening-on-localhost`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub number: u32,
    pub name: String,
}

impl Case {
    /// The case's entry in the manifest.
    pub fn info(&self) -> &'static cases::Case {
        cases::get(self.number).expect("a Case is made from the manifest")
    }

    pub fn dir(&self) -> PathBuf {
        repo_root().join(self.info().dir())
    }

    /// A Docker case has a Dockerfile to build; the others are Kubernetes manifests.
    pub fn is_docker(&self) -> bool {
        self.info().is_docker()
    }

    /// The title in the locale's language (plain text).
    pub fn title(&self) -> String {
        match i18n::lang() {
            i18n::Lang::En => self.info().plain_title(),
            i18n::Lang::Ja => self.info().plain_title_ja(),
        }
    }

    /// The hint in the locale's language.
    pub fn hint(&self) -> &'static str {
        match i18n::lang() {
            i18n::Lang::En => &self.info().hint,
            i18n::Lang::Ja => &self.info().hint_ja,
        }
    }

    /// `Case 04: TITLE (book/src/05-troubleshooting/docker.md#case-04-...)`.
    pub fn heading(&self) -> String {
        t!(
            "trouble-case",
            nn = format!("{:02}", self.number),
            title = self.title(),
            link = self.info().book_link()
        )
    }

    /// The learner's folder for it.
    pub fn exercise(&self) -> PathBuf {
        exercises_root().join(&self.name)
    }
}

/// Every case of the manifest, in order.
pub fn cases() -> Vec<Case> {
    cases::all()
        .iter()
        .map(|c| Case {
            number: c.number,
            name: c.name(),
        })
        .collect()
}

/// The case a learner names: `4`, `04` or `04-listening-on-localhost`.
pub fn find(arg: &str) -> Result<Case, String> {
    let all = cases();
    let found = cases::find(arg).and_then(|c| all.iter().find(|a| a.number == c.number));
    found.cloned().ok_or_else(|| {
        let range = match (all.first(), all.last()) {
            (Some(first), Some(last)) => {
                t!("trouble-range", first = first.number, last = last.number)
            }
            _ => t!("trouble-range-none", cases = CASES),
        };
        t!(
            "trouble-no-exercise",
            arg = format!("{arg:?}"),
            range = range
        )
    })
}
