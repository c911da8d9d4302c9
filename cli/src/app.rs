//! What the doctor knows - or has to assume - about the app a manifest runs, asked by every
//! rule before it reports, so that a finding is right for apps the workbook has never seen:
//!
//! - where the image comes from ([`Origin`]): one the learner builds and loads into minikube,
//!   or one the cluster pulls from a registry itself;
//! - what the image holds ([`Holds`]): the copy in this machine's Docker (its config, and
//!   whether a file is there), else the Dockerfile among the inputs that builds it, else the
//!   workbook's own image, whose settings are known;
//! - what a container speaks ([`Listener`]): HTTP or another protocol on a port, from the
//!   container's and the Services' port names, `appProtocol`, well-known port numbers, the image.
//!
//! Where none of these can tell, a rule says so as a hint instead of a warning.

use std::process::{Command as Process, Stdio};

use k8s_openapi::api::core::v1::{Container, ServicePort};
use serde_json::Value;

use crate::dockerfile::{Command, Dockerfile, Stage};

// ---------------------------------------------------------------------------------------------
// The workbook's own image

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

// ---------------------------------------------------------------------------------------------
// Where an image comes from

/// Docker Hub's official images most often run next to an app (`redis:7`, `postgres:16`): a
/// name with no registry and no account that the cluster pulls from Docker Hub.
const OFFICIAL_IMAGES: [&str; 48] = [
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
            Origin::Workbook => "it is one of the workbook's tags, an image you build".into(),
            Origin::PullNever => {
                "its imagePullPolicy is Never, so the node must already have it: an image you build and load".into()
            }
            Origin::LocalName => {
                "its name has no registry host and no Docker Hub account, so it is an image you build".into()
            }
            Origin::Registry(host) => format!("the cluster pulls it from {host}"),
            Origin::DockerHub => "the cluster pulls it from Docker Hub".into(),
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

// ---------------------------------------------------------------------------------------------
// An image in this machine's Docker

/// An image as this machine's Docker has it.
#[derive(Debug, Clone)]
pub struct LocalImage {
    pub image: String,
    /// `docker image inspect`'s `.Config`: Env, User, Healthcheck, ExposedPorts...
    pub config: Value,
    /// `.Os/.Architecture`.
    pub platform: String,
}

fn docker(args: &[&str]) -> Option<Vec<u8>> {
    Process::new("docker")
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| o.stdout)
}

impl LocalImage {
    /// The image, if this machine's Docker has it.
    pub fn inspect(image: &str) -> Option<LocalImage> {
        let out = docker(&["image", "inspect", "--format", "{{json .}}", image])?;
        let value: Value = serde_json::from_slice(&out).ok()?;
        let text = |key: &str| value[key].as_str().unwrap_or_default().to_owned();
        Some(LocalImage {
            image: image.to_owned(),
            config: value["Config"].clone(),
            platform: format!("{}/{}", text("Os"), text("Architecture")),
        })
    }

    pub fn env(&self, name: &str) -> Option<String> {
        self.config["Env"]
            .as_array()?
            .iter()
            .filter_map(Value::as_str)
            .find_map(|e| e.strip_prefix(name)?.strip_prefix('=').map(str::to_owned))
    }

    /// Whether the image has a file (or folder) at `path`: `docker create`, then `docker cp`
    /// of just that path (nothing runs). None when Docker could not tell.
    pub fn has_file(&self, path: &str) -> Option<bool> {
        // A command of its own: an image with neither ENTRYPOINT nor CMD cannot be created
        // without one (nothing runs it).
        let id = String::from_utf8(docker(&["create", &self.image, "doctor-looks-only"])?).ok()?;
        let id = id.trim();
        // Only the first bytes: a folder can be large.
        let found = Process::new("docker")
            .args(["cp", &format!("{id}:{path}"), "-"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()
            .map(|mut child| {
                let mut header = [0u8; 512];
                let read = child
                    .stdout
                    .take()
                    .map(|mut out| std::io::Read::read_exact(&mut out, &mut header).is_ok())
                    .unwrap_or(false);
                let _ = child.kill();
                let _ = child.wait();
                read
            });
        let _ = docker(&["rm", id]);
        found
    }

    /// The HEALTHCHECK the image defines (Docker runs it; Kubernetes does not).
    pub fn healthcheck(&self) -> Option<String> {
        let test: Vec<&str> = self.config["Healthcheck"]["Test"]
            .as_array()?
            .iter()
            .filter_map(Value::as_str)
            .collect();
        match test.as_slice() {
            [] | ["NONE", ..] => None,
            ["CMD-SHELL", command] => Some(command.to_string()),
            ["CMD", rest @ ..] => Some(rest.join(" ")),
            other => Some(other.join(" ")),
        }
    }

    pub fn exposed(&self) -> Vec<i32> {
        self.config["ExposedPorts"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(port, _)| port.split('/').next()?.parse().ok())
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// What an image holds

/// Where the doctor learns what an image holds, best first.
#[derive(Debug, Clone, Copy)]
pub enum Holds<'a> {
    /// The image in this machine's Docker.
    Local(&'a LocalImage),
    /// The final stage of a Dockerfile among the inputs that builds it.
    Dockerfile(&'a str, &'a Dockerfile),
    /// The workbook's own image, whose settings are known.
    Workbook,
}

impl Holds<'_> {
    /// `the image X in this machine's Docker`, `the image Dockerfile builds`...
    pub fn describe(&self, image: &str) -> String {
        match self {
            Holds::Local(_) => format!("the image {image} in this machine's Docker"),
            Holds::Dockerfile(file, _) => format!("the image {file} builds"),
            Holds::Workbook => format!("the workbook's image {image}"),
        }
    }

    /// The value the image itself gives a variable.
    pub fn env(&self, name: &str) -> Option<String> {
        match self {
            Holds::Local(image) => image.env(name),
            Holds::Dockerfile(_, file) => file.final_stage().env.get(name).map(|(v, _)| v.clone()),
            Holds::Workbook => WORKBOOK_ENV
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned()),
        }
    }

    /// Whether the image has a file at `path`; None when it cannot be told.
    pub fn has_file(&self, path: &str) -> Option<bool> {
        match self {
            Holds::Local(image) => image.has_file(path),
            Holds::Dockerfile(_, file) => Some(provides(file.final_stage(), path)),
            Holds::Workbook => Some(WORKBOOK_ENV.iter().any(|(_, v)| *v == path)),
        }
    }

    /// The image's HEALTHCHECK, if it has one.
    pub fn healthcheck(&self) -> Option<String> {
        match self {
            Holds::Local(image) => image.healthcheck(),
            Holds::Dockerfile(_, file) => {
                file.final_stage()
                    .healthcheck
                    .as_ref()
                    .map(|(command, _)| match command {
                        Command::Exec(words) => words.join(" "),
                        Command::Shell(text) => text.clone(),
                    })
            }
            Holds::Workbook => Some("healthcheck (the server asks its own /health)".into()),
        }
    }

    pub fn exposed(&self) -> Vec<i32> {
        match self {
            Holds::Local(image) => image.exposed(),
            Holds::Dockerfile(_, file) => file
                .final_stage()
                .exposes
                .iter()
                .map(|(p, _)| i32::from(*p))
                .collect(),
            Holds::Workbook => vec![WORKBOOK_PORT],
        }
    }
}

/// Whether something in the stage (or a stage it starts from) puts a file at `path`.
pub fn provides(stage: &Stage, path: &str) -> bool {
    let copied = stage.copies.iter().any(|copy| {
        let dir_dest = copy.dest.ends_with('/') || copy.sources.len() > 1;
        copy.sources.iter().any(|source| {
            let trimmed = source.trim_end_matches('/');
            let base = trimmed.rsplit('/').next().unwrap_or(trimmed);
            // A folder copies its contents; a name without an extension may be one, unless
            // it is a program (in a bin/ folder or cargo's target/).
            let program = trimmed.contains("bin/") || trimmed.contains("target/");
            let maybe_dir = source.ends_with('/')
                || base == "."
                || base.contains('*')
                || (!base.contains('.') && !program);
            let dest = copy.dest.trim_end_matches('/');
            if dir_dest {
                path == format!("{dest}/{base}")
                    || (maybe_dir && path.starts_with(&format!("{dest}/")))
            } else {
                path == dest || (maybe_dir && path.starts_with(&format!("{dest}/")))
            }
        })
    });
    // A RUN that names the file's folder (a download, a build) may well create it.
    let folder = path.rsplit_once('/').map(|(d, _)| d).unwrap_or_default();
    copied || (!folder.is_empty() && stage.runs.iter().any(|(run, _)| run.contains(folder)))
}

// ---------------------------------------------------------------------------------------------
// What a container speaks

/// The protocol a container serves on a port, and how the doctor knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaks {
    /// HTTP (or HTTPS): an httpGet probe can ask it.
    Http { https: bool },
    /// Another protocol over TCP (Redis, PostgreSQL...): a tcpSocket or exec probe.
    Other(&'static str),
    /// The doctor cannot tell.
    Unknown,
}

/// A port a container listens on, what it speaks there, and why the doctor thinks so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listener {
    /// The port as a probe names it: the containerPort's name if it has one, else its number.
    pub port: String,
    pub number: i32,
    pub speaks: Speaks,
    pub because: String,
}

/// Port numbers whose protocol is well known.
const WELL_KNOWN: [(i32, &str); 18] = [
    (80, "http"),
    (443, "https"),
    (3000, "http"),
    (5000, "http"),
    (8000, "http"),
    (8080, "http"),
    (8443, "https"),
    (9090, "http"),
    (6379, "Redis"),
    (5432, "PostgreSQL"),
    (3306, "MySQL"),
    (27017, "MongoDB"),
    (11211, "Memcached"),
    (5672, "AMQP (RabbitMQ)"),
    (9092, "Kafka"),
    (2181, "ZooKeeper"),
    (9042, "Cassandra"),
    (4222, "NATS"),
];

/// The port an official server image listens on by default (`nginx` 80, `redis` 6379...),
/// for a container that declares none.
fn default_port(image: &str) -> Option<i32> {
    let name = repository(image)
        .trim_start_matches("docker.io/")
        .trim_start_matches("library/");
    Some(match name {
        "nginx" | "httpd" | "caddy" | "traefik" | "haproxy" => 80,
        "redis" | "valkey" => 6379,
        "postgres" => 5432,
        "mysql" | "mariadb" => 3306,
        "mongo" => 27017,
        "memcached" => 11211,
        "rabbitmq" => 5672,
        "tomcat" | "jetty" => 8080,
        _ => return None,
    })
}

/// Names (of ports, `appProtocol`s, images) that say the protocol.
fn protocol_word(word: &str) -> Option<Speaks> {
    let word = word.to_ascii_lowercase();
    let word = word.rsplit('/').next().unwrap_or(&word); // kubernetes.io/h2c
    if word == "https" || word == "wss" || word.ends_with("-https") {
        return Some(Speaks::Http { https: true });
    }
    if word.contains("http")
        || matches!(
            word,
            "web" | "www" | "ui" | "h2c" | "ws" | "rest" | "api" | "metrics"
        )
    {
        return Some(Speaks::Http { https: false });
    }
    let other = [
        ("redis", "Redis"),
        ("valkey", "Redis"),
        ("postgres", "PostgreSQL"),
        ("pg", "PostgreSQL"),
        ("mysql", "MySQL"),
        ("mariadb", "MySQL"),
        ("mongo", "MongoDB"),
        ("memcache", "Memcached"),
        ("amqp", "AMQP (RabbitMQ)"),
        ("rabbitmq", "AMQP (RabbitMQ)"),
        ("kafka", "Kafka"),
        ("zookeeper", "ZooKeeper"),
        ("cassandra", "Cassandra"),
        ("nats", "NATS"),
        ("grpc", "gRPC"),
        ("tcp", "a TCP protocol"),
        ("sql", "SQL"),
    ];
    other
        .iter()
        .find(|(key, _)| {
            word == *key
                || word.starts_with(&format!("{key}-"))
                || word.ends_with(&format!("-{key}"))
                || (key.len() > 3 && word.contains(key))
        })
        .map(|(_, what)| Speaks::Other(what))
}

/// What a container speaks on its first port: from the workbook's image, the port's name,
/// the Services' `appProtocol` and port names for it, the port number, the image's name.
/// None when the container declares no port and its image exposes none.
pub fn listener(
    container: &Container,
    services: &[(&str, &ServicePort)],
    exposed: &[i32],
) -> Option<Listener> {
    let image = container.image.as_deref().unwrap_or_default();
    let declared = container.ports.as_deref().unwrap_or_default();
    let (number, name) = match declared.first() {
        Some(port) => (port.container_port, port.name.clone()),
        None => (*exposed.first().or(default_port(image).as_ref())?, None),
    };
    let port = name.clone().unwrap_or_else(|| number.to_string());
    let found = |speaks: Speaks, because: String| Listener {
        port: port.clone(),
        number,
        speaks,
        because,
    };
    if is_workbook_image(image) {
        return Some(found(
            Speaks::Http { https: false },
            "the workbook's server".into(),
        ));
    }
    for (service, service_port) in services {
        if let Some(speaks) = service_port.app_protocol.as_deref().and_then(protocol_word) {
            let protocol = service_port.app_protocol.clone().unwrap_or_default();
            return Some(found(
                speaks,
                format!("Service {service} gives the port appProtocol {protocol}"),
            ));
        }
    }
    if let Some(name) = &name
        && let Some(speaks) = protocol_word(name)
    {
        return Some(found(speaks, format!("the port is named {name}")));
    }
    for (service, service_port) in services {
        if let Some(name) = &service_port.name
            && let Some(speaks) = protocol_word(name)
        {
            return Some(found(
                speaks,
                format!("Service {service} names the port {name}"),
            ));
        }
    }
    if let Some((_, what)) = WELL_KNOWN.iter().find(|(n, _)| *n == number) {
        let speaks = match *what {
            "http" => Speaks::Http { https: false },
            "https" => Speaks::Http { https: true },
            other => Speaks::Other(other),
        };
        let whose = match &speaks {
            Speaks::Other(what) => format!("{what}'s"),
            _ => format!("a usual {what} port"),
        };
        return Some(found(speaks, format!("port {number} is {whose}")));
    }
    let image_name = repository(image).rsplit('/').next().unwrap_or_default();
    if let Some(speaks @ Speaks::Other(_)) = protocol_word(image_name) {
        return Some(found(speaks, format!("the image is {image_name}")));
    }
    Some(found(
        Speaks::Unknown,
        "the doctor cannot tell what it speaks".into(),
    ))
}

impl Listener {
    /// The probes to add, in the learner's words.
    pub fn probe_advice(&self, image: &str) -> String {
        let port = &self.port;
        match &self.speaks {
            Speaks::Http { .. } if is_workbook_image(image) => {
                "add a readinessProbe (httpGet /ready) and a livenessProbe (httpGet /health) on the container's port".into()
            }
            Speaks::Http { https } => format!(
                "add a readinessProbe and a livenessProbe: httpGet on port {port}{} ({}), with a path the server answers with a 200 (e.g. /, or its health path)",
                if *https { ", scheme: HTTPS" } else { "" },
                self.because
            ),
            Speaks::Other(what) => format!(
                "add a readinessProbe and a livenessProbe: tcpSocket on port {port} ({}: not HTTP, so an httpGet probe would fail){}",
                self.because,
                exec_example(image, what)
            ),
            Speaks::Unknown => format!(
                "add a readinessProbe and a livenessProbe: tcpSocket on port {port} works for any server (the doctor cannot tell whether it speaks HTTP; if it does, httpGet on a path it answers says more)"
            ),
        }
    }
}

/// An exec probe a well-known server's image carries, as an example.
fn exec_example(image: &str, what: &str) -> String {
    let image = repository(image).rsplit('/').next().unwrap_or_default();
    let command = match what {
        "Redis" if image.contains("redis") => "redis-cli ping",
        "PostgreSQL" if image.contains("postgres") => "pg_isready -U postgres",
        "MySQL" if image.contains("mysql") || image.contains("mariadb") => "mysqladmin ping",
        _ => return ", or an exec probe with a command the image carries".into(),
    };
    format!(
        ", or an exec probe with a command the image carries (e.g. `{command}`, which {what} images usually have)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        for (image, policy, origin) in [
            ("model-in-image-pattern:v1.0", None, Origin::Workbook),
            (
                "model-in-image-workbook/lesson-03:latest",
                None,
                Origin::Workbook,
            ),
            ("my-app:v1.0", None, Origin::LocalName),
            ("my-app:v1.0", Some("Never"), Origin::PullNever),
            ("redis:7", None, Origin::DockerHub),
            ("bitnami/redis:7.4", None, Origin::DockerHub),
            (
                "docker.io/library/redis:7",
                None,
                Origin::Registry("docker.io".into()),
            ),
            (
                "gcr.io/google_samples/gb-frontend:v5",
                None,
                Origin::Registry("gcr.io".into()),
            ),
            (
                "registry.k8s.io/pause:3.10",
                None,
                Origin::Registry("registry.k8s.io".into()),
            ),
            (
                "localhost:5000/my-app:v1",
                None,
                Origin::Registry("localhost:5000".into()),
            ),
        ] {
            assert_eq!(Origin::of(image, policy), origin, "{image}");
        }
        assert_eq!(repository("gcr.io/a/b:v1@sha256:ab"), "gcr.io/a/b");
        assert_eq!(repository("localhost:5000/a"), "localhost:5000/a");
    }

    #[test]
    fn the_workbook_images_settings_are_its_dockerfiles() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for file in [
            "Dockerfile",
            "lessons/03-model-in-image/Dockerfile",
            "lessons/04-kubernetes-basics/Dockerfile",
        ] {
            let text = std::fs::read_to_string(root.join(file)).unwrap();
            let parsed = crate::dockerfile::parse(&text).unwrap();
            let holds = Holds::Dockerfile(file, &parsed);
            for (name, value) in WORKBOOK_ENV {
                assert_eq!(holds.env(name).as_deref(), Some(value), "{file}: {name}");
                assert_eq!(holds.has_file(value), Some(true), "{file}: {value}");
            }
            assert_eq!(holds.exposed(), [WORKBOOK_PORT], "{file}");
        }
    }

    fn container(image: &str, ports: &[(i32, Option<&str>)]) -> Container {
        Container {
            name: "c".into(),
            image: Some(image.into()),
            ports: Some(
                ports
                    .iter()
                    .map(|(n, name)| k8s_openapi::api::core::v1::ContainerPort {
                        container_port: *n,
                        name: name.map(str::to_owned),
                        ..Default::default()
                    })
                    .collect(),
            ),
            ..Default::default()
        }
    }

    #[test]
    fn what_a_container_speaks() {
        let speaks =
            |image: &str, ports: &[(i32, Option<&str>)], services: &[(&str, &ServicePort)]| {
                listener(&container(image, ports), services, &[]).map(|l| l.speaks)
            };
        let http = Some(Speaks::Http { https: false });
        assert_eq!(
            speaks("model-in-image-pattern:v1.0", &[(8000, Some("http"))], &[]),
            http
        );
        assert_eq!(
            speaks("gcr.io/google_samples/gb-frontend:v5", &[(80, None)], &[]),
            http
        );
        assert_eq!(speaks("x:1", &[(9999, Some("web"))], &[]), http);
        assert_eq!(
            speaks("docker.io/redis:6.0.5", &[(6379, None)], &[]),
            Some(Speaks::Other("Redis"))
        );
        assert_eq!(
            speaks("postgres:16", &[(5432, Some("postgres"))], &[]),
            Some(Speaks::Other("PostgreSQL"))
        );
        assert_eq!(
            speaks("my-cache:1", &[(7000, None)], &[]),
            Some(Speaks::Unknown)
        );
        assert_eq!(
            speaks("bitnami/redis:7", &[(7000, None)], &[]),
            Some(Speaks::Other("Redis"))
        );
        let tcp = ServicePort {
            port: 7000,
            app_protocol: Some("tcp".into()),
            ..Default::default()
        };
        assert_eq!(
            speaks("my-cache:1", &[(7000, None)], &[("cache", &tcp)]),
            Some(Speaks::Other("a TCP protocol"))
        );
        assert_eq!(speaks("sidecar:1", &[], &[]), None);
        assert_eq!(speaks("nginx:1.27", &[], &[]), http);
    }
}
