import { Skeleton } from "antd";
import { lazy, Suspense, type ComponentType, type ReactElement } from "react";

/**
 * A field type's Input or Cell loaded when first drawn. The registry is read by the sider menu
 * (service definitions are parsed with it), so every component it imports statically would be
 * downloaded with the signed-in frame; the date pickers, tree and table selects are most of that
 * (first-load budget, scripts/check-bundle.ts). Each keeps its own Suspense boundary: a field
 * that appears later (a condition met) must not blank the whole form while it loads.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): (props: P) => ReactElement {
  const Loaded = lazy(async () => ({ default: await load() }));
  function LazyFieldComponent(props: P) {
    return (
      <Suspense fallback={<Skeleton.Input active size="small" />}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  return LazyFieldComponent;
}
