// The parts of ECharts qmsite's charts use: the chart kinds of src/render/charts and the
// components their options name. A chart kind or component added there must be added here too,
// else ECharts silently draws nothing for it (the SVG tests of each chart kind would fail).
// Leaving the rest out makes every chart drawn at build time about a sixth faster and the
// library a reader's browser loads 40 % smaller.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, RadarChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, HeatmapChart, LineChart, RadarChart, ScatterChart,
  AriaComponent, GridComponent, LegendComponent, MarkLineComponent, RadarComponent,
  TitleComponent, TooltipComponent, VisualMapComponent,
  SVGRenderer,
]);

globalThis.echarts = echarts;
