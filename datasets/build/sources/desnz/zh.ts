/**
 * Chinese names for the common DESNZ items, only where the translation is unambiguous.
 * Items not listed get no Chinese name.
 */
const FUELS: Record<string, string> = {
  Butane: '丁烷',
  CNG: '压缩天然气',
  LNG: '液化天然气',
  LPG: '液化石油气',
  'Natural gas': '天然气',
  'Natural gas (100% mineral blend)': '天然气（100%矿物来源）',
  Propane: '丙烷',
  'Aviation spirit': '航空汽油',
  'Aviation turbine fuel': '航空煤油',
  'Burning oil': '煤油',
  'Diesel (average biofuel blend)': '柴油（平均生物燃料掺混）',
  'Diesel (100% mineral diesel)': '柴油（100%矿物柴油）',
  'Fuel oil': '燃料油',
  Lubricants: '润滑油',
  Naphtha: '石脑油',
  'Petrol (average biofuel blend)': '汽油（平均生物燃料掺混）',
  'Petrol (100% mineral petrol)': '汽油（100%矿物汽油）',
  'Marine fuel oil': '船用燃料油',
  'Waste oils': '废油',
  'Coal (industrial)': '煤（工业用）',
  'Coal (electricity generation)': '煤（发电用）',
  'Coal (domestic)': '煤（民用）',
  'Coking coal': '炼焦煤',
  'Petroleum coke': '石油焦',
  Bioethanol: '生物乙醇',
  'Biodiesel ME': '生物柴油（甲酯）',
  'Wood logs': '木柴',
  'Wood chips': '木片',
  'Wood pellets': '木颗粒',
  Biogas: '沼气',
  'Landfill gas': '填埋气',
};

const MATERIALS: Record<string, string> = {
  'Plastics: average plastics': '塑料（平均）',
  'Plastics: average plastic film': '塑料薄膜（平均）',
  'Plastics: average plastic rigid': '硬质塑料（平均）',
  'Plastics: HDPE (incl. forming)': '高密度聚乙烯 HDPE（含成型）',
  'Plastics: LDPE and LLDPE (incl. forming)': '低密度及线性低密度聚乙烯 LDPE/LLDPE（含成型）',
  'Plastics: PET (incl. forming)': '聚对苯二甲酸乙二醇酯 PET（含成型）',
  'Plastics: PP (incl. forming)': '聚丙烯 PP（含成型）',
  'Plastics: PS (incl. forming)': '聚苯乙烯 PS（含成型）',
  'Plastics: PVC (incl. forming)': '聚氯乙烯 PVC（含成型）',
  'Metal: aluminium cans and foil (excl. forming)': '铝罐和铝箔（不含成型）',
  'Metal: steel cans': '钢罐',
  'Metal: mixed cans': '混合金属罐',
  'Metal: scrap metal': '废金属',
  'Paper and board: paper': '纸',
  'Paper and board: board': '纸板',
  'Paper and board: mixed': '纸和纸板（混合）',
  Glass: '玻璃',
  Aggregates: '骨料',
  Asphalt: '沥青',
  Bricks: '砖',
  Concrete: '混凝土',
  Insulation: '保温材料',
  Metals: '金属',
  Plasterboard: '石膏板',
  Tyres: '轮胎',
  Wood: '木材',
  Clothing: '服装',
  Books: '书籍',
  'Food and drink': '食品和饮料',
  Asbestos: '石棉',
  Soils: '土壤',
  'Mineral oil': '矿物油',
  'Batteries - Li ion': '锂离子电池',
  'Batteries - Alkaline': '碱性电池',
  'Batteries - NiMh': '镍氢电池',
  Batteries: '电池',
  'Electrical items - IT': '电子电器（IT设备）',
  'Electrical items - large': '大型电器',
  'Electrical items - small': '小型电器',
  'Electrical items - fridges and freezers': '冰箱和冰柜',
  'WEEE - mixed': '废弃电器电子产品（混合）',
  'WEEE - large': '废弃电器电子产品（大型）',
  'WEEE - small': '废弃电器电子产品（小型）',
  'WEEE - fridges and freezers': '废弃冰箱和冰柜',
  'Household residual waste': '生活垃圾（其他垃圾）',
  'Commercial and industrial waste': '工商业废物',
  'Organic: food and drink waste': '食品和饮料废物',
  'Organic: garden waste': '园林废物',
  'Organic: mixed food and garden waste': '食品和园林混合废物',
};

const MATERIAL_ROUTES: Record<string, string> = {
  'Primary material production': '原生材料生产',
  'Re-used': '再利用来源',
  'Open-loop source': '开环回收来源',
  'Closed-loop source': '闭环回收来源',
};

const WASTE_ROUTES: Record<string, string> = {
  Landfill: '填埋',
  'Incineration with Energy Recovery': '焚烧（能源回收）',
  'Open-loop': '开环回收',
  'Closed-loop': '闭环回收',
  Composting: '堆肥',
  'Anaerobic digestion': '厌氧消化',
  'Re-use': '再利用',
};

const FREIGHT_MODES: Record<string, string> = {
  'HGV (all diesel)': '公路货运：重型货车（柴油）',
  'HGV refrigerated (all diesel)': '公路货运：冷藏重型货车（柴油）',
  Vans: '公路货运：厢式货车',
  Rail: '铁路货运',
  'Cargo ship': '海运：货船',
  'Sea tanker': '海运：油轮',
  'Freight flights': '空运',
};

const SHIPS: Record<string, string> = {
  'Container ship': '集装箱船',
  'Bulk carrier': '散货船',
  'General cargo': '杂货船',
  'Refrigerated cargo': '冷藏货船',
  'Crude tanker': '原油油轮',
  'Products tanker': '成品油轮',
  'Chemical tanker': '化学品船',
  'LNG tanker': '液化天然气船',
  'LPG Tanker': '液化石油气船',
};

const PER: Record<string, string> = {
  'kWh (Gross CV)': '每千瓦时（高位热值）',
  'kWh (Net CV)': '每千瓦时（低位热值）',
  kWh: '每千瓦时',
  litres: '每升',
  tonnes: '每吨',
  kg: '每千克',
  GJ: '每吉焦',
  'cubic metres': '每立方米',
  'tonne.km': '每吨公里',
  km: '每车公里',
  miles: '每车英里',
};

export interface ZhLabels {
  level1: string;
  level2: string;
  level3: string;
  level4: string;
  columnText: string;
  uom: string;
}

export function zhName(l: ZhLabels): string | undefined {
  const per = PER[l.uom];
  if (!per) return undefined;
  switch (l.level1) {
    case 'Fuels':
    case 'Bioenergy': {
      const fuel = FUELS[l.level3];
      return fuel && `${fuel}燃烧，${per}`;
    }
    case 'WTT- fuels':
    case 'WTT- bioenergy': {
      const fuel = FUELS[l.level3];
      return fuel && `${fuel}上游排放（井到罐），${per}`;
    }
    case 'Material use': {
      const item = MATERIALS[l.level3];
      const route = MATERIAL_ROUTES[l.columnText];
      return item && route && `${item}：${route}，${per}`;
    }
    case 'Waste disposal': {
      const item = MATERIALS[l.level3];
      const route = WASTE_ROUTES[l.columnText];
      return item && route && `${item}废弃处理：${route}，${per}`;
    }
    case 'Freighting goods':
    case 'WTT- delivery vehs & freight': {
      const modeKey = l.level2.replace(/^WTT-\s*/, '').replace(/^(cargo ship|sea tanker|vans|rail|freight flights)$/i, (m) => m.charAt(0).toUpperCase() + m.slice(1));
      const mode = FREIGHT_MODES[modeKey];
      if (!mode) return undefined;
      const ship = SHIPS[l.level3.trim()];
      const detail = [ship ?? l.level3, l.level4, l.columnText].filter(Boolean).join(', ');
      const wtt = l.level1.startsWith('WTT') ? '上游排放（井到罐）' : '';
      return `${mode}${wtt}（${detail}），${per}`;
    }
    default:
      return undefined;
  }
}
