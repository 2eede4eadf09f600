// The palette's icons, by the names the field types give (FieldTypeDefinition.icon). Only these
// are imported: the whole icon set would weigh hundreds of kilobytes.
import {
  AlignLeftOutlined,
  ApartmentOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  CheckSquareOutlined,
  DownSquareOutlined,
  FieldTimeOutlined,
  FileOutlined,
  FontSizeOutlined,
  IdcardOutlined,
  MoneyCollectOutlined,
  NumberOutlined,
  PaperClipOutlined,
  PhoneOutlined,
  PictureOutlined,
  TableOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { ComponentType } from "react";

const icons: Readonly<Record<string, ComponentType>> = {
  AlignLeftOutlined,
  ApartmentOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  CheckSquareOutlined,
  DownSquareOutlined,
  FieldTimeOutlined,
  FontSizeOutlined,
  IdcardOutlined,
  MoneyCollectOutlined,
  NumberOutlined,
  PaperClipOutlined,
  PhoneOutlined,
  PictureOutlined,
  TableOutlined,
  UserOutlined,
};

export function fieldTypeIcon(name: string) {
  const Icon = icons[name] ?? FileOutlined;
  return <Icon />;
}
