//! The review form's destination choices: no pool, each prospect pool
//! stage, each job (loaded from Greenhouse by the background), and the
//! recruiter's default destination, which is always among them.

use crate::core::contract::reply::SendStatus;
use crate::core::sending::settings::Destination;
use crate::text::Label;

/// The destination choices: no pool, each pool stage, each job; the
/// default destination is always among them.
pub fn destination_choices(
    status: Option<&SendStatus>,
) -> (Vec<(Destination, String)>, Destination) {
    let setup = status.map(|s| &s.setup);
    let default = setup
        .map(|s| s.default_destination.clone())
        .unwrap_or_default();
    let mut choices = vec![(Destination::NoPool, Label::NoPool.text())];
    if let Some(lists) = setup.and_then(|s| s.destinations.as_ref()) {
        for pool in &lists.pools {
            match pool.stages.is_empty() {
                true => choices.push((
                    Destination::Pool {
                        pool_id: pool.id,
                        stage_id: None,
                    },
                    Label::PoolStage.with(&[&pool.name, "—"]),
                )),
                false => {
                    for stage in &pool.stages {
                        choices.push((
                            Destination::Pool {
                                pool_id: pool.id,
                                stage_id: Some(stage.id),
                            },
                            Label::PoolStage.with(&[&pool.name, &stage.name]),
                        ));
                    }
                }
            }
        }
        for job in &lists.jobs {
            choices.push((
                Destination::Job { job_id: job.id },
                Label::Job.with(&[&job.name]),
            ));
        }
    }
    if !choices.iter().any(|(d, _)| *d == default) {
        let name = match &default {
            Destination::NoPool => Label::NoPool.text(),
            Destination::Pool { pool_id, stage_id } => Label::PoolStage.with(&[
                &format!("#{pool_id}"),
                &stage_id
                    .map(|s| format!("#{s}"))
                    .unwrap_or_else(|| "—".into()),
            ]),
            Destination::Job { job_id } => Label::Job.with(&[&format!("#{job_id}")]),
        };
        choices.push((default.clone(), name));
    }
    (choices, default)
}
