//! What a container speaks on a port: HTTP or another protocol, from port names,
//! `appProtocol`, well-known port numbers and the image.

use k8s_openapi::api::core::v1::{Container, ServicePort};

use super::workbook::{is_workbook_image, repository};

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
pub(crate) const WELL_KNOWN: [(i32, &str); 18] = [
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
pub(crate) fn default_port(image: &str) -> Option<i32> {
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
pub(crate) fn protocol_word(word: &str) -> Option<Speaks> {
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
            crate::t!("listener-workbook"),
        ));
    }
    for (service, service_port) in services {
        if let Some(speaks) = service_port.app_protocol.as_deref().and_then(protocol_word) {
            let protocol = service_port.app_protocol.clone().unwrap_or_default();
            return Some(found(
                speaks,
                crate::t!(
                    "listener-app-protocol",
                    service = *service,
                    protocol = protocol
                ),
            ));
        }
    }
    if let Some(name) = &name
        && let Some(speaks) = protocol_word(name)
    {
        return Some(found(speaks, crate::t!("listener-port-named", name = name)));
    }
    for (service, service_port) in services {
        if let Some(name) = &service_port.name
            && let Some(speaks) = protocol_word(name)
        {
            return Some(found(
                speaks,
                crate::t!("listener-service-names", service = *service, name = name),
            ));
        }
    }
    if let Some((_, what)) = WELL_KNOWN.iter().find(|(n, _)| *n == number) {
        let speaks = match *what {
            "http" => Speaks::Http { https: false },
            "https" => Speaks::Http { https: true },
            other => Speaks::Other(other),
        };
        let because = match &speaks {
            Speaks::Other(what) => crate::t!(
                "listener-port-is-whose",
                number = number.to_string(),
                what = *what
            ),
            _ => crate::t!(
                "listener-port-is-usual",
                number = number.to_string(),
                what = *what
            ),
        };
        return Some(found(speaks, because));
    }
    let image_name = repository(image).rsplit('/').next().unwrap_or_default();
    if let Some(speaks @ Speaks::Other(_)) = protocol_word(image_name) {
        return Some(found(
            speaks,
            crate::t!("listener-image-is", image = image_name),
        ));
    }
    Some(found(Speaks::Unknown, crate::t!("listener-unknown")))
}

impl Listener {
    /// The probes to add, in the learner's words.
    pub fn probe_advice(&self, image: &str) -> String {
        let port = &self.port;
        match &self.speaks {
            Speaks::Http { .. } if is_workbook_image(image) => crate::t!("probes-advice-workbook"),
            Speaks::Http { https } => crate::t!(
                "probes-advice-http",
                port = port.as_str(),
                scheme = if *https { ", scheme: HTTPS" } else { "" },
                because = self.because.as_str()
            ),
            Speaks::Other(what) => crate::t!(
                "probes-advice-other",
                port = port.as_str(),
                because = self.because.as_str(),
                exec = exec_example(image, what)
            ),
            Speaks::Unknown => crate::t!("probes-advice-unknown", port = port.as_str()),
        }
    }
}

/// An exec probe a well-known server's image carries, as an example.
pub(crate) fn exec_example(image: &str, what: &str) -> String {
    let image = repository(image).rsplit('/').next().unwrap_or_default();
    let command = match what {
        "Redis" if image.contains("redis") => "redis-cli ping",
        "PostgreSQL" if image.contains("postgres") => "pg_isready -U postgres",
        "MySQL" if image.contains("mysql") || image.contains("mariadb") => "mysqladmin ping",
        _ => return crate::t!("probes-exec-any"),
    };
    crate::t!("probes-exec-example", command = command, what = what)
}
