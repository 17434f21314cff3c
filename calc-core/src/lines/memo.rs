//! A rule's last outcome, kept for the next time its inputs repeat ([`Repeat`]).
//!
//! An annual amount gives the same month twelve times: a rule that works month by month asks
//! [`Repeat::get_or_try_insert_with`] and works a month out only when its inputs differ from
//! the previous month's. This is the verification fast path kept out of the rule text: the
//! outcome is a function of the key (and of the parameters in force, which the rule
//! [`Repeat::clear`]s the memo for when they change), so a repeat gives what working it out again
//! would.

/// The outcome of the last key worked out. One entry: the months of an annual amount come one
/// after another, and comparing one key is cheaper than hashing.
#[derive(Debug, Clone)]
pub(crate) struct Repeat<K, V> {
    last: Option<(K, V)>,
}

impl<K: PartialEq, V: Copy> Repeat<K, V> {
    /// An empty memo.
    pub fn new() -> Self {
        Repeat { last: None }
    }

    /// Forgets the last outcome (the rule's parameters changed).
    pub fn clear(&mut self) {
        self.last = None;
    }

    /// The outcome for `key`: the last one if `key` repeats the last key, otherwise `work()`'s,
    /// kept for the next call (an error is returned and nothing kept).
    pub fn get_or_try_insert_with<E>(
        &mut self,
        key: K,
        work: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E> {
        if let Some((k, v)) = &self.last {
            if *k == key {
                return Ok(*v);
            }
        }
        let v = work()?;
        self.last = Some((key, v));
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::Repeat;

    #[test]
    fn works_out_a_key_once_while_it_repeats() {
        let mut memo = Repeat::new();
        let mut calls = 0;
        let mut ask = |memo: &mut Repeat<u8, u32>, key: u8| {
            memo.get_or_try_insert_with(key, || {
                calls += 1;
                Ok::<_, ()>(u32::from(key) * 10)
            })
        };
        assert_eq!(ask(&mut memo, 1), Ok(10));
        assert_eq!(ask(&mut memo, 1), Ok(10));
        assert_eq!(ask(&mut memo, 2), Ok(20));
        assert_eq!(ask(&mut memo, 1), Ok(10));
        memo.clear();
        assert_eq!(ask(&mut memo, 1), Ok(10));
        assert_eq!(calls, 4);
    }

    #[test]
    fn keeps_nothing_after_an_error() {
        let mut memo: Repeat<u8, u32> = Repeat::new();
        assert_eq!(
            memo.get_or_try_insert_with(1, || Err("overflow")),
            Err("overflow")
        );
        assert_eq!(memo.get_or_try_insert_with(1, || Ok::<_, &str>(7)), Ok(7));
        assert_eq!(memo.get_or_try_insert_with(1, || Ok::<_, &str>(8)), Ok(7));
    }
}
