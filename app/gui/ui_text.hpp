// Every UI string of the viewer and its panels, in Simplified Chinese and English (the Chinese
// ones also seed the font's glyph ranges). Header only; pulls in no GUI library.
#pragma once

#include <vector>

#include "app/gui/language.hpp"

namespace renoplan::gui {

struct Strings {
    const char* layers;
    const char* zoom_all;
    const char* messages;
    const char* nothing_loaded;
    const char* cursor;
    const char* no_cursor;
    const char* pixel;
    const char* not_triangulated;
    const char* legend;
    const char* identify;
    const char* identify_hint;
    const char* nothing_here;
    const char* field;
    const char* value;
    const char* eligible_yes;
    const char* eligible_no;
    const char* eligible_unknown;
    const char* use_parking;
    const char* use_service;
    const char* use_green;
    const char* use_other;
    // Plan panel
    const char* plan;
    const char* parameters;
    const char* run;
    const char* cancel;
    const char* running;
    const char* cancelled;
    const char* failed;
    const char* done;
    const char* fix_errors;
    const char* summary;
    const char* communities;
    const char* households;
    const char* buildings;
    const char* eligible;
    const char* to_verify;
    const char* consented;
    const char* districts;
    const char* spare_land_ha;
    const char* stalls;
    const char* households_by_county;
    const char* group_eligibility;
    const char* group_districts;
    const char* group_spare_land;
    const char* group_execution;
    // Attributes, Export, opening files
    const char* attributes;
    const char* filter;
    const char* zoom_to;
    const char* rows_shown;
    const char* export_;
    const char* save_plan;
    const char* need_plan;
    const char* overwrite;
    const char* save_png;
    const char* path;
    const char* saved;
    const char* open_files;
    const char* loading;
    const char* drop_hint;
    const char* open_demo;
    const char* size_px;
    // Tools (measure, box select), settings, recent files, style editor, messages
    const char* measure;
    const char* measure_hint;
    const char* length;
    const char* perimeter;
    const char* area;
    const char* mu;
    const char* select_tool;
    const char* select_hint;
    const char* zoom_selection;
    const char* clear_selection;
    const char* selected_count;
    const char* more_not_listed;
    const char* language;
    const char* recent_files;
    const char* remove;
    const char* missing_file;
    const char* welcome;
    const char* style;
    const char* style_default;
    const char* style_single;
    const char* style_categorized;
    const char* style_graduated;
    const char* color;
    const char* opacity;
    const char* outline_width;
    const char* class_count;
    const char* breaks_quantile;
    const char* breaks_equal;
    const char* other_values;
    const char* no_value;
    const char* no_suitable_field;
    const char* message_link_tip;
    // Open dialog, status line, north arrow, zoom to layer
    const char* open_dialog;
    const char* open_dialog_title;
    const char* parent_folder;
    const char* folder;
    const char* file_name;
    const char* file_size;
    const char* all_files;
    const char* show_hidden;
    const char* supported_formats;
    const char* empty_folder;
    const char* selected_entries;
    const char* browser_hint;
    const char* lonlat;
    const char* map_scale;
    const char* drawing;
    const char* north;
    const char* zoom_layer;
    const char* more_in_messages; // "%zu more in Messages"
};

inline constexpr Strings kZh = {
    "图层",
    "全图",
    "消息",
    "没有读到可显示的图层（见“消息”）",
    "坐标",
    "将光标移到地图上查看坐标",
    "1 像素 = %.2f 米",
    "%zu 个要素无法三角化，未绘制",
    "图例",
    "识别",
    "点击地图查看要素属性",
    "此处没有要素",
    "字段",
    "值",
    "符合改造条件",
    "不符合条件",
    "待核实",
    "停车",
    "服务设施",
    "绿地",
    "其他",
    "规划",
    "参数",
    "运行",
    "取消",
    "正在运行",
    "已取消",
    "失败",
    "完成",
    "请先改正标红的参数",
    "汇总",
    "小区",
    "户数",
    "楼栋",
    "纳入改造",
    "待核实",
    "已达成同意",
    "片区",
    "闲置用地（公顷）",
    "停车位",
    "各区县户数",
    "纳入条件与业主同意",
    "片区划分",
    "闲置用地",
    "运行设置",
    "属性表",
    "筛选",
    "缩放",
    "%zu / %zu 行",
    "导出",
    "保存规划 GeoPackage",
    "请先在“规划”面板运行规划",
    "覆盖已有文件",
    "保存当前视图为 PNG",
    "路径",
    "已保存：%s",
    "打开",
    "正在加载",
    "将文件拖到窗口中，或在“图层”中输入路径后点“打开”",
    "打开示例城镇",
    "尺寸（像素）",
    "测量",
    "单击地图添加点，双击或回车结束，Esc 取消（快捷键 M）",
    "长度",
    "周长",
    "面积",
    "亩",
    "框选",
    "在地图上拖出矩形选择要素，按住 Shift 或 Ctrl 加选；不用此工具时按住 Shift 拖动",
    "缩放到所选",
    "清除选择",
    "已选 %zu 个要素",
    "另有 %zu 个未列出",
    "English",
    "最近打开",
    "移除",
    "（文件不存在）",
    "欢迎使用 renoplan！可以先打开示例城镇看看：",
    "样式",
    "默认",
    "单一",
    "分类",
    "分级",
    "颜色",
    "不透明度",
    "边线宽度",
    "分级数",
    "分位数",
    "等间距",
    "其他值",
    "（空）",
    "此图层没有合适的字段",
    "点击缩放到该要素并选中",
    "打开文件…",
    "打开文件",
    "上一级",
    "文件夹",
    "名称",
    "大小",
    "所有文件",
    "显示隐藏文件",
    "可打开的格式：",
    "（此文件夹中没有可打开的文件）",
    "已选 %zu 项",
    "双击打开文件夹或文件；Ctrl/Shift+单击多选",
    "经度 %.6f°  纬度 %.6f°",
    "比例尺",
    "绘制中…",
    "北",
    "缩放到图层",
    "另有 %zu 条，见“消息”"};
inline constexpr Strings kEn = {
    "Layers",
    "Zoom to all",
    "Messages",
    "Nothing usable was loaded (see Messages)",
    "Cursor",
    "move the cursor over the map for coordinates",
    "1 px = %.2f m",
    "%zu features could not be triangulated and are not drawn",
    "Legend",
    "Identify",
    "click the map to see a feature's attributes",
    "No feature here",
    "Field",
    "Value",
    "Eligible",
    "Not eligible",
    "To verify",
    "Parking",
    "Service",
    "Green",
    "Other",
    "Plan",
    "Parameters",
    "Run",
    "Cancel",
    "Running",
    "Cancelled",
    "Failed",
    "Done",
    "Correct the parameters marked in red first",
    "Summary",
    "Communities",
    "Households",
    "Buildings",
    "Eligible",
    "To verify",
    "Consented",
    "Districts",
    "Spare land (ha)",
    "Parking stalls",
    "Households per county",
    "Eligibility and consent",
    "Districts",
    "Spare land",
    "Execution",
    "Attributes",
    "Filter",
    "Zoom",
    "%zu of %zu rows",
    "Export",
    "Save plan GeoPackage",
    "Run a plan in the Plan panel first",
    "Overwrite an existing file",
    "Save view as PNG",
    "Path",
    "Saved: %s",
    "Open",
    "Loading",
    "Drop files onto the window, or type a path in Layers and press Open",
    "Open the demo town",
    "Size (pixels)",
    "Measure",
    "Click the map to add points; double-click or Enter finishes, Esc cancels (key M)",
    "Length",
    "Perimeter",
    "Area",
    "mu (亩)",
    "Box select",
    "Drag a box on the map to select features, with Shift or Ctrl to add; without this tool, "
    "Shift+drag",
    "Zoom to selection",
    "Clear selection",
    "%zu selected",
    "%zu more not listed",
    "中文",
    "Recent files",
    "Remove",
    "(missing)",
    "Welcome to renoplan! Start with the demo town:",
    "Style",
    "Default",
    "Single",
    "Categorized",
    "Graduated",
    "Colour",
    "Opacity",
    "Outline width",
    "Classes",
    "Quantiles",
    "Equal intervals",
    "Other values",
    "(no value)",
    "This layer has no suitable field",
    "Click to zoom to the feature and select it",
    "Open files…",
    "Open files",
    "Up",
    "Folder",
    "Name",
    "Size",
    "All files",
    "Show hidden files",
    "Formats renoplan opens:",
    "(nothing to open in this folder)",
    "%zu selected",
    "Double-click opens a folder or a file; Ctrl/Shift+click selects several",
    "Lon %.6f°  Lat %.6f°",
    "Scale",
    "Drawing…",
    "N",
    "Zoom to layer",
    "%zu more in Messages"};

inline const Strings& strings_of(Language language) {
    return language == Language::Chinese ? kZh : kEn;
}

// Every string of a Strings, for the glyph ranges.
inline std::vector<const char*> all_strings(const Strings& s) {
    return {s.layers,
            s.zoom_all,
            s.messages,
            s.nothing_loaded,
            s.cursor,
            s.no_cursor,
            s.pixel,
            s.not_triangulated,
            s.legend,
            s.identify,
            s.identify_hint,
            s.nothing_here,
            s.field,
            s.value,
            s.eligible_yes,
            s.eligible_no,
            s.eligible_unknown,
            s.use_parking,
            s.use_service,
            s.use_green,
            s.use_other,
            s.plan,
            s.parameters,
            s.run,
            s.cancel,
            s.running,
            s.cancelled,
            s.failed,
            s.done,
            s.fix_errors,
            s.summary,
            s.communities,
            s.households,
            s.buildings,
            s.eligible,
            s.to_verify,
            s.consented,
            s.districts,
            s.spare_land_ha,
            s.stalls,
            s.households_by_county,
            s.group_eligibility,
            s.group_districts,
            s.group_spare_land,
            s.group_execution,
            s.attributes,
            s.filter,
            s.zoom_to,
            s.rows_shown,
            s.export_,
            s.save_plan,
            s.need_plan,
            s.overwrite,
            s.save_png,
            s.path,
            s.saved,
            s.open_files,
            s.loading,
            s.drop_hint,
            s.open_demo,
            s.size_px,
            s.measure,
            s.measure_hint,
            s.length,
            s.perimeter,
            s.area,
            s.mu,
            s.select_tool,
            s.select_hint,
            s.zoom_selection,
            s.clear_selection,
            s.selected_count,
            s.more_not_listed,
            s.language,
            s.recent_files,
            s.remove,
            s.missing_file,
            s.welcome,
            s.style,
            s.style_default,
            s.style_single,
            s.style_categorized,
            s.style_graduated,
            s.color,
            s.opacity,
            s.outline_width,
            s.class_count,
            s.breaks_quantile,
            s.breaks_equal,
            s.other_values,
            s.no_value,
            s.no_suitable_field,
            s.message_link_tip,
            s.open_dialog,
            s.open_dialog_title,
            s.parent_folder,
            s.folder,
            s.file_name,
            s.file_size,
            s.all_files,
            s.show_hidden,
            s.supported_formats,
            s.empty_folder,
            s.selected_entries,
            s.browser_hint,
            s.lonlat,
            s.map_scale,
            s.drawing,
            s.north,
            s.zoom_layer,
            s.more_in_messages};
}

} // namespace renoplan::gui
