import CRMCore
import TUI

/// The two calculators of the profit simulation.
enum PricingCalculator: CaseIterable {
    case loan, deposit

    /// The inputs, in the order shown.
    var fields: [PricingField] { self == .loan ? PricingField.loan : PricingField.deposit }

    /// The figures, in the order shown.
    var figures: [PricingFigure] {
        self == .loan ? [.interest, .ftpCharge, .operatingCost, .expectedLoss, .capital, .capitalCharge, .profitBeforeTax,
                         .profitAfterTax, .rarocBeforeTax, .rarocAfterTax, .eva, .breakEvenRate]
                      : [.ftpCredit, .interestPaid, .operatingCost, .fees, .value]
    }

    var title: Text { self == .loan ? Text("贷款测算", "Loan") : Text("存款测算", "Deposit") }
}

/// One scenario (方案) of the profit simulation: the inputs of both calculators exactly as typed, and each
/// calculator's figures, or the first input it refuses, worked out again on every edit.
struct PricingScenario {
    typealias Outcome = Result<[(PricingFigure, PricingValue)], PricingError>

    private var inputs: [PricingCalculator: [PricingField: TextField]] = [:]
    private var outcomes: [PricingCalculator: Outcome] = [:]
    private let defaults: PricingDefaults

    /// Longest input, in characters: a 13-digit amount with its decimals and sign.
    private static let maxLength = 17

    /// A scenario with a one-year term, risk weight 100% and the settings' defaults filled in.
    init(defaults: PricingDefaults) {
        self.defaults = defaults
        let start: [PricingField: String] = [.days: "360", .riskWeight: "100"]
        for calculator in PricingCalculator.allCases {
            inputs[calculator] = Dictionary(uniqueKeysWithValues: calculator.fields.map { field in
                (field, TextField(text: start[field] ?? defaults.text(of: field) ?? "", maxLength: Self.maxLength))
            })
            recalculate(calculator)
        }
    }

    /// The editor of one input.
    func input(_ field: PricingField, of calculator: PricingCalculator) -> TextField { inputs[calculator]![field]! }

    /// The figures of a calculator, or why it has none.
    func outcome(_ calculator: PricingCalculator) -> Outcome { outcomes[calculator]! }

    /// The inputs of a calculator as typed, keyed like `crm calc`'s options (`amount`, `spread-bp` ...).
    func typedInputs(_ calculator: PricingCalculator) -> JSONValue {
        .object(calculator.fields.map { (String($0.option.dropFirst(2)), .string(inputs[calculator]![$0]!.text)) })
    }

    /// Gives a key to one input's editor; the calculator's figures follow at once. True when the key was used.
    mutating func edit(_ field: PricingField, of calculator: PricingCalculator, with key: Key) -> Bool {
        guard inputs[calculator]![field]!.handle(key) == .handled else { return false }
        recalculate(calculator)
        return true
    }

    private mutating func recalculate(_ calculator: PricingCalculator) {
        let text = PricingText(inputs[calculator]!.mapValues(\.text))
        outcomes[calculator] = switch calculator {
        case .loan: Outcome { () throws(PricingError) in LoanCalculator.calculate(try LoanInputs(text, defaults: defaults)).figures }
        case .deposit: Outcome { () throws(PricingError) in DepositCalculator.calculate(try DepositInputs(text, defaults: defaults)).figures }
        }
    }
}
