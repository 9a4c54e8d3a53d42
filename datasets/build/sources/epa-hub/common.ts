import type { Citation } from '@greenlca/schema';

export const EPA_FILE = 'data-sources/us-epa-ghg-emission-factors-hub-2025/ghg-emission-factors-hub-2025.xlsx';
export const EPA_URL = 'https://www.epa.gov/climateleadership/ghg-emission-factors-hub';

export function epaCitation(table: number, title: string, row: number, label: string): Citation {
  return {
    source: 'U.S. EPA GHG Emission Factors Hub 2025: Emission Factors for Greenhouse Gas Inventories (last modified 15 January 2025)',
    table: `Table ${table}: ${title}`,
    row: `sheet "Emission Factors Hub" row ${row}: ${label}`,
    url: EPA_URL,
    file: EPA_FILE,
  };
}
