import { useId } from 'react';
import type { CountyMapData, CoverageUnit } from '../../../shared/contracts/accreditation-contracts';

interface CountyMapProps {
  map: CountyMapData;
  units: CoverageUnit[];
  /** what the map shows, in words (the same figure the summary gives) */
  summary: string;
}

export function unitStateText(unit: CoverageUnit): string {
  return unit.covered ? `已覆盖（${unit.activeBases} 家基地）` : '未覆盖（无在册基地）';
}

/**
 * The county map: one shape per county-level unit, named for assistive technology. Covered units
 * are solid green with a check mark, uncovered ones hatched in red with a cross, so colour is
 * never the only cue. Units outside the current view are drawn faint and unnamed. The table
 * beside it is the full alternative; this picture adds the geography.
 */
export function CountyMap({ map, units, summary }: CountyMapProps) {
  const titleId = useId();
  const descId = useId();
  const patternId = `${useId().replace(/:/g, '')}-hatch`;
  const byCode = new Map(units.map((u) => [u.code, u]));
  const [, , width = 1000] = map.viewBox.split(' ').map(Number);
  const mark = width / 90;

  return (
    <figure className="county-map">
      <svg viewBox={map.viewBox} role="group" aria-labelledby={titleId} aria-describedby={descId} className="county-map-svg">
        <title id={titleId}>县区覆盖地图</title>
        <desc id={descId}>{summary}</desc>
        <defs>
          <pattern id={patternId} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="#fff1f0" />
            <line x1="0" y1="0" x2="0" y2="8" stroke="#a8071a" strokeWidth="3" />
          </pattern>
        </defs>
        {map.counties.map((county) => {
          const unit = byCode.get(county.code);
          if (!unit) return <path key={county.code} d={county.path} className="county-out" aria-hidden="true" />;
          return (
            <g
              key={county.code}
              role="img"
              aria-label={`${unit.name}：${unitStateText(unit)}`}
              className={unit.covered ? 'county is-covered' : 'county is-uncovered'}
            >
              <path d={county.path} fill={unit.covered ? '#389e0d' : `url(#${patternId})`} />
              <text
                x={county.label[0]}
                y={county.label[1]}
                fontSize={mark * 1.4}
                textAnchor="middle"
                dominantBaseline="central"
                aria-hidden="true"
              >
                {unit.covered ? '✓' : '✕'}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="legend-swatch is-covered" aria-hidden="true">
          ✓
        </span>{' '}
        绿色实心并带“✓”：已有在册挂牌基地。
        <span className="legend-swatch is-uncovered" aria-hidden="true">
          ✕
        </span>{' '}
        红色斜线并带“✕”：尚无基地。地图据 2018 年前区划绘制，仅供示意，以下表为准。
      </figcaption>
    </figure>
  );
}
