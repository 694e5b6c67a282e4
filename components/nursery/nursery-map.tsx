"use client";
// The map of /liff/nursery (Leaflet with 地理院タイル, the only outside fetch the page makes). Loaded
// on demand (next/dynamic), so Leaflet is not part of the page's first load. Facilities are drawn as
// vector circles, not image markers, and the page works when tiles cannot load: the map says so and
// the list beside it has everything.
import { useEffect, useRef, useState } from "react";
import L from "leaflet";
import "leaflet/dist/leaflet.css";

export type MapFacility = { id: number; name: string; latitude: number; longitude: number; rank: number };

/** 地理院タイル (standard map); terms: attribution to 国土地理院 with a link. */
const GSI_TILES = "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png";
const GSI_ATTRIBUTION = '<a href="https://maps.gsi.go.jp/development/ichiran.html" target="_blank" rel="noopener noreferrer">地理院タイル</a>';

export default function NurseryMap({
  centre,
  point,
  facilities,
  onPick,
  label,
}: {
  centre: { latitude: number; longitude: number };
  point: { latitude: number; longitude: number } | null;
  facilities: MapFacility[];
  /** Choosing a point by tapping the map. */
  onPick?: (point: { latitude: number; longitude: number }) => void;
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const [tilesFailed, setTilesFailed] = useState(false);

  useEffect(() => {
    if (!container.current || map.current) return;
    const m = L.map(container.current, { zoomControl: false, attributionControl: true }).setView([centre.latitude, centre.longitude], 14);
    L.control.zoom({ zoomInTitle: "拡大", zoomOutTitle: "縮小" }).addTo(m);
    m.attributionControl.setPrefix(false);
    L.tileLayer(GSI_TILES, { attribution: GSI_ATTRIBUTION, maxZoom: 18, minZoom: 5 })
      .on("tileerror", () => setTilesFailed(true))
      .addTo(m);
    m.on("click", (event: L.LeafletMouseEvent) => pick.current?.({ latitude: event.latlng.lat, longitude: event.latlng.lng }));
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, [centre.latitude, centre.longitude]);

  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (!m || !group) return;
    group.clearLayers();
    const bounds: L.LatLngExpression[] = [];
    if (point) {
      L.circleMarker([point.latitude, point.longitude], { radius: 9, color: "#a3161b", weight: 3, fillColor: "#ffffff", fillOpacity: 1 })
        .bindTooltip("さがす場所")
        .addTo(group);
      bounds.push([point.latitude, point.longitude]);
    }
    for (const f of facilities) {
      L.circleMarker([f.latitude, f.longitude], { radius: 8, color: "#0031d8", weight: 2, fillColor: "#0031d8", fillOpacity: 0.8 })
        .bindTooltip(`${f.rank}. ${f.name}`)
        .addTo(group);
      bounds.push([f.latitude, f.longitude]);
    }
    if (bounds.length > 1) m.fitBounds(L.latLngBounds(bounds), { padding: [24, 24], maxZoom: 16 });
    else if (bounds.length === 1) m.setView(bounds[0]!, 15);
  }, [point, facilities]);

  return (
    <div>
      <div ref={container} role="region" aria-label={label} className="h-72 w-full rounded-8 border border-solid-gray-420 bg-solid-gray-50" />
      {tilesFailed ? (
        <p role="status" className="mt-2 text-std-16N-170 text-solid-gray-700">
          地図の画像を読み込めませんでした。施設の位置は青い丸で示しています。下の一覧からも選べます。
        </p>
      ) : null}
    </div>
  );
}
