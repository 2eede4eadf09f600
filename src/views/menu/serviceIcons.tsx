// Icons a service definition may name. Importing every @ant-design/icons icon would add
// hundreds of kilobytes for a menu; the designer offers these, anything else gets the default.
import {
  AlertOutlined,
  AppstoreOutlined,
  BulbOutlined,
  CarOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FlagOutlined,
  GiftOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  MedicineBoxOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  SmileOutlined,
  SolutionOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  ToolOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { ComponentType } from "react";

const icons: Readonly<Record<string, ComponentType>> = {
  AlertOutlined,
  AppstoreOutlined,
  BulbOutlined,
  CarOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FlagOutlined,
  GiftOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  MedicineBoxOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  SmileOutlined,
  SolutionOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  ToolOutlined,
  UserOutlined,
};

/** The names the designer's icon picker offers. */
export const serviceIconNames: readonly string[] = Object.keys(icons);

export function ServiceIcon({ name }: { name: string }) {
  const Icon = icons[name] ?? FileTextOutlined;
  return <Icon />;
}
