// Icons a service definition may name. Importing every @ant-design/icons icon would add
// hundreds of kilobytes for a menu; the designer offers these, anything else gets the default.
import {
  AlertOutlined,
  AppstoreOutlined,
  CarOutlined,
  FileTextOutlined,
  HeartOutlined,
  HomeOutlined,
  MedicineBoxOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { ComponentType } from "react";

const icons: Readonly<Record<string, ComponentType>> = {
  AlertOutlined,
  AppstoreOutlined,
  CarOutlined,
  FileTextOutlined,
  HeartOutlined,
  HomeOutlined,
  MedicineBoxOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
};

export function ServiceIcon({ name }: { name: string }) {
  const Icon = icons[name] ?? FileTextOutlined;
  return <Icon />;
}
