"""Turn world-atlas's land-110m.json (TopoJSON) into the small GeoJSON the map draws.

The map must draw without a network, so its base layer is a committed file. TopoJSON
needs a decoder in the browser; GeoJSON is read by deck.gl's GeoJsonLayer as is. Pure
Python, run once by hand (see static/geo/README.md):

    .venv/bin/python scripts/make_land_geojson.py /tmp/wa/package/land-110m.json

Only the `land` object is read, so no country border is in the output.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "static" / "geo" / "land-110m.json"

Point = tuple[float, float]
POLE_LAT = 89.9  # where a ring round a pole is closed; 90° is infinitely far in Web Mercator


def decode_arcs(topology: dict, digits: int) -> list[list[Point]]:
    """Absolute, rounded positions of every arc (quantized arcs are delta-encoded)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0.0
        points = []
        for dx, dy in arc:
            if transform:
                x, y = x + dx, y + dy
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                px, py = x * sx + tx, y * sy + ty
            else:
                px, py = dx, dy
            points.append((round(px, digits), round(py, digits)))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[Point]]) -> list[Point] | None:
    """One closed ring from arc indices (~i is arc i reversed); None if rounding erased it."""
    points: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    deduped = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if deduped and deduped[0] != deduped[-1]:
        deduped.append(deduped[0])
    return deduped if len(set(deduped)) >= 3 else None


def unwrap(points: list[Point]) -> list[Point]:
    """Longitudes made continuous (no jump across ±180°), so the ring is one planar shape.

    A ring that goes once round a pole (Antarctica) does not close after unwrapping; it is
    closed over the pole, as a flat map draws it.
    """
    out = [points[0]]
    for lon, lat in points[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    if out[-1][0] != out[0][0]:
        pole = POLE_LAT if sum(lat for _, lat in out) > 0 else -POLE_LAT
        out += [(out[-1][0], pole), (out[0][0], pole), out[0]]
    return out


def _clip(points: list[Point], edge: float, keep_west: bool) -> list[Point]:
    """Sutherland–Hodgman: the part of an open ring west (or east) of longitude `edge`."""
    def inside(p: Point) -> bool:
        return p[0] <= edge if keep_west else p[0] >= edge

    def cross(a: Point, b: Point) -> Point:
        f = (edge - a[0]) / (b[0] - a[0])
        return (edge, a[1] + f * (b[1] - a[1]))

    out: list[Point] = []
    for i, cur in enumerate(points):
        prev = points[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(cross(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cross(prev, cur))
    return out


def split_at_antimeridian(points: list[Point], digits: int) -> dict[int, list[Point]]:
    """The ring cut into the parts that fall in [-180°, 180°], keyed by the shift applied.

    deck.gl draws coordinates as given, so a ring that jumps from 180° to -180° would be
    drawn as a band across the whole map; its two sides become two rings instead.
    """
    flat = unwrap(points)[:-1]
    parts = {}
    for shift in (-360, 0, 360):
        shifted = [(lon + shift, lat) for lon, lat in flat]
        if max(p[0] for p in shifted) <= -180 or min(p[0] for p in shifted) >= 180:
            continue
        clipped = _clip(_clip(shifted, 180, keep_west=True), -180, keep_west=False)
        rounded = [(round(lon, digits), round(lat, digits)) for lon, lat in clipped]
        deduped = [p for i, p in enumerate(rounded) if p != rounded[i - 1]]
        if len(set(deduped)) >= 3:
            parts[shift] = [*deduped, deduped[0]]
    return parts


def polygons(geometry: dict, arcs: list[list[Point]], digits: int) -> list[list[list[Point]]]:
    """The geometry's polygons as lists of rings, cut at the antimeridian.

    Holes whose ring vanished in rounding are dropped. Each part of a cut polygon keeps
    the holes that fall on its side.
    """
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return []
    result = []
    for outer_indices, *hole_indices in parts:
        outer = ring(outer_indices, arcs)
        if not outer:
            continue
        holes = [r for r in (ring(indices, arcs) for indices in hole_indices) if r]
        hole_parts = [split_at_antimeridian(h, digits) for h in holes]
        for shift, piece in split_at_antimeridian(outer, digits).items():
            result.append([piece, *(h[shift] for h in hole_parts if shift in h)])
    return result


def land_geojson(topology: dict, digits: int = 2) -> dict:
    """A FeatureCollection with one MultiPolygon feature: all land, no properties."""
    arcs = decode_arcs(topology, digits)
    obj = topology["objects"]["land"]
    geometries = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
    shapes = [p for g in geometries for p in polygons(g, arcs, digits)]
    coordinates = [[[list(pt) for pt in r] for r in shape] for shape in shapes]
    return {
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
        }],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas land-110m.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--digits", type=int, default=2, help="decimals kept (2 ≈ 1 km)")
    args = parser.parse_args()
    geojson = land_geojson(json.loads(args.topojson.read_text(encoding="utf-8")), args.digits)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(geojson, separators=(",", ":")) + "\n", encoding="utf-8")
    shape_count = len(geojson["features"][0]["geometry"]["coordinates"])
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {shape_count} polygons)")


if __name__ == "__main__":
    main()
