//! [`Texts`]: the text typed in each field, by request path.

/// Texts by key, sorted by key, each key once: what a `BTreeMap<String, String>` would do for
/// the form's few dozen fields, as one short list (a map's code costs the page's wasm more).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Texts(Vec<(String, String)>);

impl Texts {
    /// An empty list.
    #[must_use]
    pub fn new() -> Texts {
        Texts::default()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The text of `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&String> {
        self.find(key)
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, v)| v)
    }

    /// Sets the text of `key`.
    pub fn insert(&mut self, key: String, value: String) {
        match self.find(&key) {
            Ok(i) => {
                if let Some(e) = self.0.get_mut(i) {
                    e.1 = value;
                }
            }
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    /// Removes `key`, giving its text back.
    pub fn remove(&mut self, key: &str) -> Option<String> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    /// Keys and texts in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Texts in key order.
    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, v)| v)
    }
}

impl<'a> IntoIterator for &'a Texts {
    type Item = (&'a String, &'a String);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, String)>,
        fn(&'a (String, String)) -> (&'a String, &'a String),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}
