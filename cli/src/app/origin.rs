//! Where an image comes from: one the learner builds and loads into minikube, or one the
//! cluster pulls from a registry itself.

use super::workbook::{is_workbook_image, repository};

/// Docker Hub's official images most often run next to an app (`redis:7`, `postgres:16`): a
/// name with no registry and no account that the cluster pulls from Docker Hub.
pub(crate) const OFFICIAL_IMAGES: [&str; 48] = [
    "alpine",
    "busybox",
    "debian",
    "ubuntu",
    "fedora",
    "centos",
    "rockylinux",
    "amazonlinux",
    "redis",
    "valkey",
    "postgres",
    "mysql",
    "mariadb",
    "mongo",
    "memcached",
    "cassandra",
    "elasticsearch",
    "rabbitmq",
    "zookeeper",
    "nats",
    "influxdb",
    "couchdb",
    "neo4j",
    "nginx",
    "httpd",
    "haproxy",
    "traefik",
    "caddy",
    "tomcat",
    "jetty",
    "registry",
    "vault",
    "consul",
    "python",
    "node",
    "golang",
    "rust",
    "openjdk",
    "eclipse-temurin",
    "ruby",
    "php",
    "perl",
    "wordpress",
    "ghost",
    "drupal",
    "nextcloud",
    "grafana",
    "sonarqube",
];

/// Where the cluster gets an image from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// One of the workbook's tags: built here and loaded with `minikube image load`.
    Workbook,
    /// `imagePullPolicy: Never`: the node must already have it.
    PullNever,
    /// A name with no registry host and no Docker Hub account (`my-app:v1.0`): one the learner
    /// builds.
    LocalName,
    /// A reference with a registry host (`gcr.io/...`, `registry.k8s.io/...`, `docker.io/...`).
    Registry(String),
    /// A Docker Hub image: official (`redis:7`) or an account's (`bitnami/redis:7.4`).
    DockerHub,
}

impl Origin {
    pub fn of(image: &str, pull_policy: Option<&str>) -> Origin {
        if pull_policy == Some("Never") {
            return Origin::PullNever;
        }
        if is_workbook_image(image) {
            return Origin::Workbook;
        }
        let repository = repository(image);
        match repository.split_once('/') {
            // Docker's rule: the first part names a registry if it has a dot or a port, or is
            // localhost.
            Some((first, _))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                Origin::Registry(first.to_owned())
            }
            Some(_) => Origin::DockerHub,
            None if OFFICIAL_IMAGES.contains(&repository) => Origin::DockerHub,
            None => Origin::LocalName,
        }
    }

    /// Whether the learner builds the image (so this machine's Docker should have it, and the
    /// cluster gets it from `minikube image load`), rather than the cluster pulling it.
    pub fn learner_builds(&self) -> bool {
        matches!(
            self,
            Origin::Workbook | Origin::PullNever | Origin::LocalName
        )
    }

    /// What the doctor assumed, in the learner's words.
    pub fn assumed(&self) -> String {
        match self {
            Origin::Workbook => crate::t!("origin-workbook"),
            Origin::PullNever => crate::t!("origin-pull-never"),
            Origin::LocalName => crate::t!("origin-local-name"),
            Origin::Registry(host) => crate::t!("origin-registry", host = host),
            Origin::DockerHub => crate::t!("origin-docker-hub"),
        }
    }

    /// `gcr.io`, `Docker Hub`: the registry the cluster pulls from, if it pulls.
    pub fn registry(&self) -> Option<String> {
        match self {
            Origin::Registry(host) => Some(host.clone()),
            Origin::DockerHub => Some("Docker Hub".into()),
            _ => None,
        }
    }
}
