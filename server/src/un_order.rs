//! The UN's own English alphabetical order of Member States, which is the order of roll
//! calls. It is not a plain sort ("Côte d'Ivoire" before "Croatia", "Türkiye" after
//! "Tunisia"), so it comes from the list itself.

use floor_protocol::{Delegation, DelegationId};

/// The 193 Member States in UN order (a copy of the shared reference data).
pub const UN_MEMBER_STATES: &str = include_str!("../../data/un-member-states.txt");

/// Delegations in UN order: Member States by their place in the list, then any other
/// delegation by name.
pub fn in_un_order(delegations: &[Delegation]) -> Vec<DelegationId> {
    let place = |name: &str| {
        UN_MEMBER_STATES
            .lines()
            .position(|l| l.trim() == name.trim())
            .unwrap_or(usize::MAX)
    };
    let mut sorted: Vec<(usize, &str, DelegationId)> = delegations
        .iter()
        .map(|d| (place(&d.name), d.name.as_str(), d.id))
        .collect();
    sorted.sort();
    sorted.into_iter().map(|(_, _, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use floor_protocol::{DelegationKind, SessionId};

    fn d(id: i64, name: &str) -> Delegation {
        Delegation {
            id: DelegationId(id),
            session_id: SessionId(1),
            name: name.into(),
            kind: DelegationKind::Member,
        }
    }

    #[test]
    fn the_un_order_is_not_a_plain_sort() {
        let roster = [
            d(1, "Türkiye"),
            d(2, "Croatia"),
            d(3, "Tunisia"),
            d(4, "Côte d'Ivoire"),
            d(5, "Holy See"),
        ];
        let ids: Vec<i64> = in_un_order(&roster).into_iter().map(|d| d.0).collect();
        assert_eq!(
            ids,
            [4, 2, 3, 1, 5],
            "Côte d'Ivoire, Croatia, Tunisia, Türkiye, then non-members"
        );
        assert_eq!(
            UN_MEMBER_STATES
                .lines()
                .filter(|l| !l.trim().is_empty())
                .count(),
            193
        );
    }
}
