import { Flex, Spin } from "antd";

/** Placeholder while a lazily loaded page arrives. */
export function PageLoading() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: 240 }}>
      <Spin />
    </Flex>
  );
}
