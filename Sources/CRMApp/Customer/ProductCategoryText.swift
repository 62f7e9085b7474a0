import CRMCore

/// The product categories of the product catalogue, by name.
enum ProductCategoryText {
    static func name(_ category: String) -> Text {
        guard let known = ProductCategory(rawValue: category) else { return Text(category, category) }
        return Text(known.chineseName, known.englishName)
    }
}
