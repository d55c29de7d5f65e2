// KGraphQuery: kgraph's query language, following openCypher syntax.
//
// Modelled on the openCypher grammar (Apache 2.0, https://opencypher.org), simplified where
// the engine checks the rest: the clauses of one query are a flat list here and the binder
// (engine/query/bind/) enforces their order, so that errors such as "RETURN must be the last
// clause" name the clause instead of reporting an unexpected token.
//
// kgraph extensions:
//   - a trailing RENDER clause after RETURN:
//       RENDER [format] [TO 'file'] [LAYOUT name]
//     the format and layout names are checked by the transformer;
//   - EXPLAIN / PROFILE prefixes on a statement.
//
// ANTLR 4.7.2 has no caseInsensitive option: keywords are spelt with letter fragments.
// Keywords that are not reserved in openCypher (COUNT, TO, RENDER, LAYOUT, ...) may still be
// used as variable names, and every keyword may be used as a label, type or property key.

grammar KGraphQuery;

// ---------------------------------------------------------------------------------------------
// Statements

script : SEMI* statement ( SEMI+ statement )* SEMI* EOF ;

statement : ( EXPLAIN | PROFILE )? query ;

// A lone expression, e.g. a parameter value given on the command line.
standaloneExpression : expression EOF ;

query : singleQuery ( unionClause )* ;

unionClause : UNION ALL? singleQuery ;

singleQuery : clause+ ;

clause
    : matchClause
    | unwindClause
    | withClause
    | returnClause
    | createClause
    | mergeClause
    | setClause
    | removeClause
    | deleteClause
    | callClause
    ;

// ---------------------------------------------------------------------------------------------
// Reading clauses

matchClause : OPTIONAL? MATCH pattern where? ;

unwindClause : UNWIND expression AS variable ;

callClause : CALL procedureName ( '(' ( expression ( ',' expression )* )? ')' )? yieldClause? ;

procedureName : namespacePrefix symbolicName ;

yieldClause : YIELD ( '*' | yieldItem ( ',' yieldItem )* ) where? ;

yieldItem : ( symbolicName AS )? variable ;

// ---------------------------------------------------------------------------------------------
// Projections

withClause : WITH projectionBody where? ;

returnClause : RETURN projectionBody render? ;

render : RENDER renderFormat=symbolicName? ( TO file=StringLiteral )? ( LAYOUT layout=symbolicName )? ;

projectionBody : DISTINCT? projectionItems order? skip? limit? ;

projectionItems
    : '*' ( ',' projectionItem )*
    | projectionItem ( ',' projectionItem )*
    ;

projectionItem : expression ( AS variable )? ;

order : ORDER BY sortItem ( ',' sortItem )* ;

skip : SKIP_ expression ;

limit : LIMIT expression ;

sortItem : expression ( ASCENDING | ASC | DESCENDING | DESC )? ;

where : WHERE expression ;

// ---------------------------------------------------------------------------------------------
// Updating clauses

createClause : CREATE pattern ;

mergeClause : MERGE patternPart mergeAction* ;

mergeAction : ON ( MATCH | CREATE ) setClause ;

setClause : SET setItem ( ',' setItem )* ;

setItem
    : propertyExpression '=' expression     # setProperty
    | variable '=' expression               # setReplace
    | variable '+=' expression              # setMerge
    | variable nodeLabels                   # setLabels
    ;

removeClause : REMOVE removeItem ( ',' removeItem )* ;

removeItem
    : variable nodeLabels                   # removeLabels
    | propertyExpression                    # removeProperty
    ;

deleteClause : DETACH? DELETE expression ( ',' expression )* ;

propertyExpression : atom propertyLookup+ ;

// ---------------------------------------------------------------------------------------------
// Patterns

pattern : patternPart ( ',' patternPart )* ;

patternPart : ( variable '=' )? anonymousPatternPart ;

anonymousPatternPart
    : shortestPathPattern
    | patternElement
    ;

shortestPathPattern : ( SHORTESTPATH | ALLSHORTESTPATHS ) '(' patternElement ')' ;

patternElement
    : nodePattern patternElementChain*
    | '(' patternElement ')'
    ;

relationshipsPattern : nodePattern patternElementChain+ ;

nodePattern : '(' variable? nodeLabels? properties? ')' ;

patternElementChain : relationshipPattern nodePattern ;

relationshipPattern
    : leftArrow='<' '-' relationshipDetail? '-' rightArrow='>'?
    | '-' relationshipDetail? '-' rightArrow='>'?
    ;

relationshipDetail : '[' variable? relationshipTypes? rangeLiteral? properties? ']' ;

properties
    : mapLiteral
    | parameter
    ;

relationshipTypes : ':' relTypeName ( '|' ':'? relTypeName )* ;

nodeLabels : nodeLabel+ ;

nodeLabel : ':' labelName ;

rangeLiteral : '*' lower=integerLiteral? ( dots='..' upper=integerLiteral? )? ;

labelName : schemaName ;

relTypeName : schemaName ;

// ---------------------------------------------------------------------------------------------
// Expressions, from the loosest binding to the tightest

expression : orExpression ;

orExpression : xorExpression ( OR xorExpression )* ;

xorExpression : andExpression ( XOR andExpression )* ;

andExpression : notExpression ( AND notExpression )* ;

notExpression : NOT* comparisonExpression ;

comparisonExpression : stringListNullPredicateExpression partialComparisonExpression* ;

partialComparisonExpression
    : op=( '=' | '<>' | '<' | '>' | '<=' | '>=' ) stringListNullPredicateExpression
    ;

stringListNullPredicateExpression
    : addOrSubtractExpression ( stringPredicate | listPredicate | nullPredicate )*
    ;

stringPredicate
    : ( STARTS WITH | ENDS WITH | CONTAINS | '=~' ) addOrSubtractExpression
    ;

listPredicate : IN addOrSubtractExpression ;

nullPredicate : IS NOT? NULL_ ;

addOrSubtractExpression
    : multiplyDivideModuloExpression ( ops+=( '+' | '-' ) multiplyDivideModuloExpression )*
    ;

multiplyDivideModuloExpression
    : powerOfExpression ( ops+=( '*' | '/' | '%' ) powerOfExpression )*
    ;

powerOfExpression : unaryAddOrSubtractExpression ( '^' unaryAddOrSubtractExpression )* ;

unaryAddOrSubtractExpression
    : nonArithmeticOperatorExpression
    | op=( '+' | '-' ) unaryAddOrSubtractExpression
    ;

nonArithmeticOperatorExpression
    : atom ( listOperatorExpression | propertyLookup )* nodeLabels?
    ;

listOperatorExpression
    : '[' index=expression ']'                                  # listIndex
    | '[' from=expression? '..' to=expression? ']'              # listSlice
    ;

propertyLookup : '.' propertyKeyName ;

atom
    : listComprehension                                         # listComprehensionAtom
    | patternComprehension                                      # patternComprehensionAtom
    | literal                                                   # literalAtom
    | parameter                                                 # parameterAtom
    | caseExpression                                            # caseAtom
    | COUNT '(' '*' ')'                                         # countStarAtom
    | quantifier=( ALL | ANY | NONE | SINGLE ) '(' filterExpression ')'  # quantifierAtom
    | relationshipsPattern                                      # patternPredicateAtom
    | shortestPathPattern                                       # shortestPathAtom
    | '(' expression ')'                                        # parenthesizedAtom
    | functionInvocation                                        # functionAtom
    | mapProjection                                             # mapProjectionAtom
    | variable                                                  # variableAtom
    ;

// n {.name, .*, key: expr, otherVariable}
mapProjection : variable '{' ( mapProjectionItem ( ',' mapProjectionItem )* )? '}' ;

mapProjectionItem
    : '.' propertyKeyName                                       # mapPropertySelector
    | '.' '*'                                                   # mapAllProperties
    | propertyKeyName ':' expression                            # mapLiteralEntry
    | variable                                                  # mapVariableSelector
    ;

caseExpression
    : CASE subject=expression? caseAlternative+ ( ELSE elseExpr=expression )? END
    ;

caseAlternative : WHEN when=expression THEN then=expression ;

listComprehension : '[' filterExpression ( '|' expression )? ']' ;

patternComprehension
    : '[' ( variable '=' )? relationshipsPattern ( WHERE expression )? '|' expression ']'
    ;

filterExpression : variable IN expression ( WHERE expression )? ;

functionInvocation
    : functionName '(' DISTINCT? ( expression ( ',' expression )* )? ')'
    ;

functionName : namespacePrefix symbolicName ;

namespacePrefix : ( symbolicName '.' )* ;

// ---------------------------------------------------------------------------------------------
// Literals

literal
    : numberLiteral                                             # numberLit
    | StringLiteral                                             # stringLit
    | booleanLiteral                                            # booleanLit
    | NULL_                                                     # nullLit
    | mapLiteral                                                # mapLit
    | listLiteral                                               # listLit
    ;

booleanLiteral : TRUE_ | FALSE_ ;

numberLiteral
    : doubleLiteral
    | integerLiteral
    ;

integerLiteral : HexInteger | OctalInteger | DecimalInteger ;

doubleLiteral : ExponentDecimalReal | RegularDecimalReal ;

listLiteral : '[' ( expression ( ',' expression )* )? ']' ;

mapLiteral : '{' ( propertyKeyName ':' expression ( ',' propertyKeyName ':' expression )* )? '}' ;

parameter : '$' ( symbolicName | DecimalInteger ) ;

propertyKeyName : schemaName ;

variable : symbolicName ;

// Names that may be variables: identifiers plus the keywords openCypher does not reserve.
symbolicName
    : UnescapedSymbolicName
    | EscapedSymbolicName
    | COUNT
    | ANY
    | NONE
    | SINGLE
    | ALL
    | TO
    | RENDER
    | LAYOUT
    | SHORTESTPATH
    | ALLSHORTESTPATHS
    | EXPLAIN
    | PROFILE
    | ASC
    | DESC
    | ASCENDING
    | DESCENDING
    | YIELD
    | EXISTS
    ;

// Labels, relationship types and property keys may be any word, reserved or not.
schemaName : symbolicName | reservedWord ;

reservedWord
    : ALL | ASC | ASCENDING | BY | CREATE | DELETE | DESC | DESCENDING | DETACH | EXISTS
    | LIMIT | MATCH | MERGE | ON | OPTIONAL | ORDER | REMOVE | RETURN | SET | SKIP_ | WHERE
    | WITH | UNION | UNWIND | AND | AS | CONTAINS | DISTINCT | ENDS | IN | IS | NOT | OR
    | STARTS | XOR | CASE | ELSE | END | THEN | WHEN | NULL_ | TRUE_ | FALSE_ | CALL | YIELD
    ;

// ---------------------------------------------------------------------------------------------
// Lexer: keywords

ALL : A L L ;
ALLSHORTESTPATHS : A L L S H O R T E S T P A T H S ;
AND : A N D ;
ANY : A N Y ;
AS : A S ;
ASC : A S C ;
ASCENDING : A S C E N D I N G ;
BY : B Y ;
CALL : C A L L ;
CASE : C A S E ;
CONTAINS : C O N T A I N S ;
COUNT : C O U N T ;
CREATE : C R E A T E ;
DELETE : D E L E T E ;
DESC : D E S C ;
DESCENDING : D E S C E N D I N G ;
DETACH : D E T A C H ;
DISTINCT : D I S T I N C T ;
ELSE : E L S E ;
END : E N D ;
ENDS : E N D S ;
EXISTS : E X I S T S ;
EXPLAIN : E X P L A I N ;
FALSE_ : F A L S E ;
IN : I N ;
IS : I S ;
LAYOUT : L A Y O U T ;
LIMIT : L I M I T ;
MATCH : M A T C H ;
MERGE : M E R G E ;
NONE : N O N E ;
NOT : N O T ;
NULL_ : N U L L ;
ON : O N ;
OPTIONAL : O P T I O N A L ;
OR : O R ;
ORDER : O R D E R ;
PROFILE : P R O F I L E ;
REMOVE : R E M O V E ;
RENDER : R E N D E R ;
RETURN : R E T U R N ;
SET : S E T ;
SHORTESTPATH : S H O R T E S T P A T H ;
SINGLE : S I N G L E ;
SKIP_ : S K I P ;
STARTS : S T A R T S ;
THEN : T H E N ;
TO : T O ;
TRUE_ : T R U E ;
UNION : U N I O N ;
UNWIND : U N W I N D ;
WHEN : W H E N ;
WHERE : W H E R E ;
WITH : W I T H ;
XOR : X O R ;
YIELD : Y I E L D ;

// ---------------------------------------------------------------------------------------------
// Lexer: literals and names

HexInteger : '0' [xX] HexDigit+ ;

OctalInteger : '0' [oO] [0-7]+ ;

DecimalInteger : Digit+ ;

ExponentDecimalReal
    : ( Digit+ | Digit+ '.' Digit+ | '.' Digit+ ) [eE] '-'? Digit+
    ;

RegularDecimalReal : Digit* '.' Digit+ ;

StringLiteral
    : '"' ( ~[\\"] | EscapedChar )* '"'
    | '\'' ( ~[\\'] | EscapedChar )* '\''
    ;

UnescapedSymbolicName : IdentifierStart IdentifierPart* ;

EscapedSymbolicName : ( '`' ~'`'* '`' )+ ;

SEMI : ';' ;

WS : [ \t\r\n\f\u000B\u00A0\u2028\u2029]+ -> skip ;

BLOCK_COMMENT : '/*' .*? '*/' -> skip ;

LINE_COMMENT : '//' ~[\r\n]* -> skip ;

// Anything else is one token of its own, so that the parser (not the lexer) reports it with
// its position.
ERROR_CHAR : . ;

fragment EscapedChar : '\\' ( [\\'"bfnrt] | 'u' HexDigit HexDigit HexDigit HexDigit | 'U' HexDigit HexDigit HexDigit HexDigit HexDigit HexDigit HexDigit HexDigit ) ;
fragment IdentifierStart : [\p{L}_] ;
fragment IdentifierPart : [\p{L}\p{N}_] ;
fragment Digit : [0-9] ;
fragment HexDigit : [0-9a-fA-F] ;

fragment A : [aA] ;
fragment B : [bB] ;
fragment C : [cC] ;
fragment D : [dD] ;
fragment E : [eE] ;
fragment F : [fF] ;
fragment G : [gG] ;
fragment H : [hH] ;
fragment I : [iI] ;
fragment J : [jJ] ;
fragment K : [kK] ;
fragment L : [lL] ;
fragment M : [mM] ;
fragment N : [nN] ;
fragment O : [oO] ;
fragment P : [pP] ;
fragment Q : [qQ] ;
fragment R : [rR] ;
fragment S : [sS] ;
fragment T : [tT] ;
fragment U : [uU] ;
fragment V : [vV] ;
fragment W : [wW] ;
fragment X : [xX] ;
fragment Y : [yY] ;
fragment Z : [zZ] ;
