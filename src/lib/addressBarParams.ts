/**
 * The query string as the address bar holds it now, for a filter that writes the next URL.
 * react-router commits a navigation in a transition, and its setSearchParams (the functional
 * form too) builds on the render's params, so a filter chosen a moment ago may not have rendered
 * yet; building the next URL on those would undo it (CI: a unit picked on 居民档案, then a
 * search sent without it).
 */
export function addressBarParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}
