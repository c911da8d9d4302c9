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

mod listener;
mod local;
mod origin;
mod workbook;

pub use listener::{Listener, Speaks, listener};
pub use local::{Holds, LocalImage, provides};
pub use origin::Origin;
pub use workbook::{WORKBOOK_ENV, WORKBOOK_PORT, is_workbook_image, repository};

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::{Container, ServicePort};

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
