// A facility row → the form's initial values (strings, "on" for checked services).
import { formatMinutes } from "@/lib/nursery/labels";
import type { FacilityFormInitial } from "@/components/nursery/facility-form";

type Facility = {
  id: number;
  name: string;
  nameKana: string;
  type: string;
  typeLabel: string;
  ownership: string;
  operator: string;
  minAgeMonths: number;
  maxAgeClass: number;
  capacity: number | null;
  opensAt: number | null;
  closesAt: number | null;
  hoursNote: string;
  extendedCare: boolean;
  temporaryCare: boolean;
  holidayCare: boolean;
  nightCare: boolean;
  address: string;
  phone: string;
  url: string;
  note: string;
  latitude: number;
  longitude: number;
  districtId: number | null;
};

export function facilityFormValues(f: Facility): FacilityFormInitial {
  const on = (b: boolean) => (b ? "on" : "");
  return {
    facilityId: String(f.id),
    name: f.name,
    nameKana: f.nameKana,
    type: f.type,
    typeLabel: f.typeLabel,
    ownership: f.ownership,
    operator: f.operator,
    minAgeMonths: String(f.minAgeMonths),
    maxAgeClass: String(f.maxAgeClass),
    capacity: f.capacity === null ? "" : String(f.capacity),
    opensAt: formatMinutes(f.opensAt),
    closesAt: formatMinutes(f.closesAt),
    hoursNote: f.hoursNote,
    extendedCare: on(f.extendedCare),
    temporaryCare: on(f.temporaryCare),
    holidayCare: on(f.holidayCare),
    nightCare: on(f.nightCare),
    address: f.address,
    phone: f.phone,
    url: f.url,
    note: f.note,
    latitude: String(f.latitude),
    longitude: String(f.longitude),
    districtId: f.districtId ? String(f.districtId) : "",
  };
}
