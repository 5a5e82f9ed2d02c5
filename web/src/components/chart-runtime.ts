// The parts of ECharts the UI uses, registered once. Loaded on demand by <Chart> (a dynamic import),
// so pages without charts never load ECharts. Only these modules are bundled: a chart needing
// another series type or component (pie, scatter, dataZoom, markArea…) adds it to the list below,
// otherwise ECharts ignores that part of the option.
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  HeatmapChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export { init };
